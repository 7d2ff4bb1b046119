import { upstreamError } from './errors.js';
import { isRecord, type JsonObject } from './parse/values.js';
import type { LocalParams, SaltTarget } from './types.js';

/** One lowstate chunk for `POST /`. */
export type Lowstate = JsonObject & { client: string; fun: string };

/** `tgt` and `tgt_type` for a chunk; a bare string is a glob. */
export function targetFields(target: SaltTarget): { tgt: string | string[]; tgt_type: string } {
  if (typeof target === 'string') return { tgt: target, tgt_type: 'glob' };
  return { tgt: target.tgt, tgt_type: target.type ?? 'glob' };
}

/** A `local`-family chunk; keyword arguments always go under `kwarg`, so they cannot clash with `client`, `tgt` or `fun`. */
export function localChunk(client: 'local' | 'local_async' | 'local_batch', target: SaltTarget, fun: string, params: LocalParams = {}): Lowstate {
  const chunk: Lowstate = { client, fun, ...targetFields(target) };
  if (params.arg !== undefined) chunk.arg = params.arg;
  if (params.kwarg !== undefined) chunk.kwarg = params.kwarg;
  if (params.timeout !== undefined) chunk.timeout = params.timeout;
  if (params.gather_job_timeout !== undefined) chunk.gather_job_timeout = params.gather_job_timeout;
  if (params.full_return !== undefined) chunk.full_return = params.full_return;
  return chunk;
}

/**
 * A wheel chunk. Salt's wheel client reads keyword arguments from the top level of the chunk (it
 * honours `kwarg` only together with `arg`), so they go there, under the fixed `client`/`fun`.
 */
export function wheelChunk(client: 'wheel' | 'wheel_async', fun: string, kwargs: Record<string, unknown> = {}): Lowstate {
  return { ...kwargs, client, fun };
}

/** The `return` array of a `POST /` answer. */
export function returnList(body: unknown): unknown[] {
  if (isRecord(body) && Array.isArray(body.return)) return body.return;
  throw upstreamError(200, 'unexpected response: no "return" list');
}

/** `return[0]` as an object (`local`: `{minion: result}`; `local_async`: `{jid, minions}` or `{}`). */
export function firstObject(body: unknown): JsonObject {
  const first = returnList(body)[0];
  if (isRecord(first)) return first;
  throw upstreamError(200, 'unexpected response: "return[0]" is not an object');
}

/** `local_batch` appends one `{minion: result}` per minion: merged into one object. */
export function mergedObjects(body: unknown): JsonObject {
  const merged: JsonObject = {};
  for (const part of returnList(body)) if (isRecord(part)) Object.assign(merged, part);
  return merged;
}

/**
 * The wheel envelope's `data.return`. A wheel function that raised still answers 200, with
 * `success: false` and a traceback string as its return: that becomes a 502 here.
 */
export function wheelReturn(body: unknown, fun: string): unknown {
  const envelope = firstObject(body);
  const data = isRecord(envelope.data) ? envelope.data : null;
  if (!data) throw upstreamError(200, 'unexpected response: wheel answer without "data"');
  if (data.success === false) {
    const detail = typeof data.return === 'string' ? data.return.split('\n')[0] ?? '' : JSON.stringify(data.return);
    throw upstreamError(null, `wheel ${fun} failed: ${detail}`);
  }
  return data.return;
}

/** `{tag, jid}` from `runner_async` / `wheel_async`. */
export function asyncRun(body: unknown): { tag: string; jid: string } {
  const first = firstObject(body);
  if (typeof first.jid === 'string' && typeof first.tag === 'string') return { tag: first.tag, jid: first.jid };
  throw upstreamError(200, 'unexpected response: no jid in async answer');
}
