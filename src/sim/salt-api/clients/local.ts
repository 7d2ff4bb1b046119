import { publishArgs, truthy } from '../args.js';
import { HttpError, UnexpectedError } from '../errors.js';
import type { MinionReturn } from '../job-cache.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { Caller, Sim } from '../sim.js';
import { resolveTarget } from '../targeting.js';

interface LocalChunk {
  tgt: JsonValue;
  tgtType: string;
  fun: string;
  arg: JsonValue[];
  timeoutMs: number;
  gatherMs: number;
  fullReturn: boolean;
  metadata?: JsonObject;
}

/** Reads a local-client chunk; a missing `tgt` or `fun` is a Python TypeError in salt-api (a 500). */
function parseChunk(chunk: JsonObject): LocalChunk {
  if (chunk.tgt === undefined) throw new UnexpectedError("local() missing 1 required positional argument: 'tgt'");
  if (typeof chunk.fun !== 'string') throw new UnexpectedError("local() missing 1 required positional argument: 'fun'");
  const arg = Array.isArray(chunk.arg) ? chunk.arg : chunk.arg === undefined ? [] : [chunk.arg];
  const seconds = (v: JsonValue | undefined, d: number): number => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? Number(v) : d);
  const parsed: LocalChunk = {
    tgt: chunk.tgt, tgtType: typeof chunk.tgt_type === 'string' ? chunk.tgt_type : 'glob', fun: chunk.fun,
    arg: publishArgs(arg, isJsonObject(chunk.kwarg) ? chunk.kwarg : undefined),
    timeoutMs: seconds(chunk.timeout, 5) * 1000, gatherMs: seconds(chunk.gather_job_timeout, 10) * 1000,
    fullReturn: truthy(chunk.full_return),
  };
  if (isJsonObject(chunk.metadata)) parsed.metadata = chunk.metadata;
  return parsed;
}

function formatReturn(ret: MinionReturn | false, jid: string, full: boolean): JsonValue {
  if (ret === false) return false;
  if (!full) return ret.return;
  const out: JsonObject = { ret: ret.return };
  if (ret.out) out.out = ret.out;
  out.retcode = ret.retcode;
  out.jid = jid;
  return out;
}

/** `local_async`: `{jid, minions}`, or `{}` when nothing matched (no job is published then). */
export function localAsync(sim: Sim, chunk: JsonObject, caller: Caller): JsonValue {
  const c = parseChunk(chunk);
  const published = sim.master.publish({ tgt: c.tgt, tgtType: c.tgtType, fun: c.fun, arg: c.arg, user: caller.user, metadata: c.metadata });
  return published ? { jid: published.jid, minions: published.minions } : {};
}

/** `local`: publishes, waits like LocalClient.cmd, and answers `{minion: return}` (non-responders `false`). */
export async function local(sim: Sim, chunk: JsonObject, caller: Caller): Promise<JsonValue> {
  const c = parseChunk(chunk);
  const published = sim.master.publish({ tgt: c.tgt, tgtType: c.tgtType, fun: c.fun, arg: c.arg, user: caller.user, metadata: c.metadata });
  if (!published) return {};
  const returns = await sim.master.waitFor(published.jid, published.minions, c.timeoutMs, c.gatherMs);
  const out: JsonObject = {};
  for (const [id, ret] of returns) out[id] = formatReturn(ret, published.jid, c.fullReturn);
  return out;
}

/** `local_batch`: one job per batch of minions, one `{minion: return}` element per minion that answered. */
export async function localBatch(sim: Sim, chunk: JsonObject, caller: Caller): Promise<JsonValue[]> {
  const c = parseChunk(chunk);
  const batchText = String(chunk.batch ?? '10%');
  const minions = resolveTarget(sim.fleet, c.tgt, c.tgtType).minions;
  const size = batchText.endsWith('%')
    ? Math.max(1, Math.ceil((minions.length * Number(batchText.slice(0, -1))) / 100))
    : Number(batchText);
  if (!Number.isFinite(size) || size < 1) throw new HttpError(400, 'Invalid batch size');
  const out: JsonValue[] = [];
  for (let i = 0; i < minions.length; i += size) {
    const batch = minions.slice(i, i + size);
    const published = sim.master.publish({ tgt: batch, tgtType: 'list', fun: c.fun, arg: c.arg, user: caller.user });
    if (!published) continue;
    const returns = await sim.master.waitFor(published.jid, published.minions, c.timeoutMs, c.gatherMs);
    for (const [id, ret] of returns) if (ret !== false) out.push({ [id]: formatReturn(ret, published.jid, c.fullReturn) });
  }
  return out;
}

/** `local_subset`: `subset` random minions among those targeted. */
export async function localSubset(sim: Sim, chunk: JsonObject, caller: Caller): Promise<JsonValue> {
  const c = parseChunk(chunk);
  const connected = resolveTarget(sim.fleet, c.tgt, c.tgtType).minions.filter((id) => sim.fleet.minions.get(id)?.connected);
  const count = Number(chunk.subset ?? 3);
  const pool = [...connected];
  const picked: string[] = [];
  while (pool.length > 0 && picked.length < (Number.isFinite(count) ? count : 3)) {
    picked.push(...pool.splice(sim.fleet.rng.int(0, pool.length - 1), 1));
  }
  return local(sim, { ...chunk, tgt: picked, tgt_type: 'list' }, caller);
}
