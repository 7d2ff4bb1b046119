import type { JsonObject, JsonValue } from '../json.js';
import type { Caller, Sim } from '../sim.js';
import { newJid } from '../time.js';
import { WHEELS } from '../wheel.js';
import { formatCall } from './call.js';

const TRACE = 'Traceback (most recent call last):\n  File "/opt/saltstack/salt/lib/python3.10/site-packages/salt/client/mixins.py", line 395, in low\n    data["return"] = func(*args, **kwargs)\n';

/**
 * A wheel call as the master runs it: the API's own jid (with `tag`, user = login name) wraps the
 * master-side jid (user `UNKNOWN`, with `fun_args`), which is the one the job cache records.
 */
function execute(sim: Sim, chunk: JsonObject, caller: Caller, apiJid: string): JsonObject {
  const fun = typeof chunk.fun === 'string' ? chunk.fun : '';
  const tag = `salt/wheel/${apiJid}`;
  const outer: JsonObject = { fun: `wheel.${fun}`, jid: apiJid, tag, user: caller.user };
  sim.bus.fire(`${tag}/new`, outer);
  const wheel = WHEELS[fun];
  const call = wheel ? formatCall(wheel, chunk) : { kw: {}, funArgs: [], missing: [] };
  const jid = newJid();
  const inner: JsonObject = { fun: `wheel.${fun}`, jid, user: 'UNKNOWN', fun_args: call.funArgs };
  sim.bus.fire(`salt/wheel/${jid}/new`, inner);
  let ret: JsonValue;
  let success = true;
  if (!wheel) {
    ret = `Exception occurred in wheel ${fun}: ${TRACE}salt.exceptions.CommandExecutionError: '${fun}' is not available.\n`;
    success = false;
  } else if (call.missing.length > 0) {
    const name = fun.split('.').at(-1) ?? fun;
    ret = `Exception occurred in wheel ${fun}: ${TRACE}TypeError: ${name}() missing ${call.missing.length} required positional argument: '${call.missing.join("', '")}'\n`;
    success = false;
  } else ret = wheel.run(sim.keys, call.kw, sim.fleet);
  sim.master.cache.add({
    jid, fun: `wheel.${fun}`, arg: [], tgt: sim.fleet.masterId, tgtType: 'list', user: 'UNKNOWN', minions: [sim.fleet.masterId],
    returns: new Map([[sim.fleet.masterId, { return: ret, retcode: success ? 0 : 1, success }]]),
  });
  sim.bus.fire(`salt/wheel/${jid}/ret`, { ...inner, _stamp: '', return: ret, success });
  return sim.bus.fire(`${tag}/ret`, { ...outer, _stamp: '', return: ret, success }).data;
}

/** `wheel`: the envelope `{tag, data: {fun, jid, tag, user, _stamp, return, success}}`. */
export function wheel(sim: Sim, chunk: JsonObject, caller: Caller): JsonValue {
  const jid = newJid();
  const data = execute(sim, chunk, caller, jid);
  return { tag: `salt/wheel/${jid}`, data };
}

/** `wheel_async`: `{tag, jid}` at once; the call runs right after. */
export function wheelAsync(sim: Sim, chunk: JsonObject, caller: Caller): JsonValue {
  const jid = newJid();
  setImmediate(() => execute(sim, chunk, caller, jid));
  return { tag: `salt/wheel/${jid}`, jid };
}
