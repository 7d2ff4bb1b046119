import { truthy } from '../args.js';
import { HttpError, UnexpectedError } from '../errors.js';
import type { JsonObject, JsonValue } from '../json.js';
import { RUNNERS } from '../runners.js';
import type { Caller, Sim } from '../sim.js';
import { newJid } from '../time.js';
import { formatCall } from './call.js';

/** Runs a runner on the master: `salt/run/<jid>/new` and `/ret` events, and a job-cache entry. */
function execute(sim: Sim, chunk: JsonObject, caller: Caller): { jid: string; data: JsonObject } {
  const fun = typeof chunk.fun === 'string' ? chunk.fun : '';
  // Missing `fun` is a SaltInvocationError (400); an unknown one escapes as an unexpected error (500).
  if (!fun) throw new HttpError(400);
  const runner = RUNNERS[fun];
  if (!runner) throw new UnexpectedError(`'${fun}' is not available.`);
  const call = formatCall(runner, chunk);
  if (call.missing.length > 0) throw new HttpError(400);
  const jid = newJid();
  const base: JsonObject = { fun: `runner.${fun}`, jid, user: caller.user, fun_args: call.funArgs };
  sim.bus.fire(`salt/run/${jid}/new`, base);
  const ret = runner.run({ master: sim.master, fleet: sim.fleet, keys: sim.keys }, call.kw);
  sim.master.cache.add({
    jid, fun: `runner.${fun}`, arg: [], tgt: sim.fleet.masterId, tgtType: 'list', user: caller.user, minions: [sim.fleet.masterId],
    returns: new Map([[sim.fleet.masterId, { return: ret, retcode: 0, success: true }]]),
  });
  const event = sim.bus.fire(`salt/run/${jid}/ret`, { ...base, _stamp: '', return: ret, success: true });
  return { jid, data: event.data };
}

/** `runner`: the runner's return value, or with `full_return` the ret event's tag and data. */
export function runner(sim: Sim, chunk: JsonObject, caller: Caller): JsonValue {
  const { jid, data } = execute(sim, chunk, caller);
  return truthy(chunk.full_return) ? { tag: `salt/run/${jid}/ret`, data } : (data.return ?? null);
}

/** `runner_async`: answers `{tag, jid}` at once and runs the runner right after. */
export function runnerAsync(sim: Sim, chunk: JsonObject, caller: Caller): JsonValue {
  const fun = typeof chunk.fun === 'string' ? chunk.fun : '';
  if (!RUNNERS[fun]) throw new UnexpectedError(`'${fun}' is not available.`);
  const jid = newJid();
  setImmediate(() => {
    try {
      execute(sim, chunk, caller);
    } catch {
      // An async runner's failure only shows in its events, never in the HTTP answer.
    }
  });
  return { tag: `salt/run/${jid}`, jid };
}
