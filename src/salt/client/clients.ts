import { asyncRun, firstObject, localChunk, type Lowstate, mergedObjects, returnList, wheelChunk, wheelReturn } from './lowstate.js';
import { isStringArray, type JsonObject } from './parse/values.js';
import type { AsyncRunResult, CallOptions, LocalAsyncResult, LocalParams, SaltTarget } from './types.js';

type Run = (chunks: Lowstate[], call?: CallOptions) => Promise<unknown>;

/** Salt's netapi clients over `run` (one `POST /`), each unwrapped as salt-api shapes its answer. */
export function lowstateClients(run: Run, defaultTimeoutMs: number) {
  /** A `local` call waits `timeout` + `gather_job_timeout` on the master: the HTTP deadline must outlast it. */
  function localCall(params: LocalParams = {}, call: CallOptions = {}): CallOptions {
    if (call.timeoutMs !== undefined || params.timeout === undefined) return call;
    const masterWaitMs = (params.timeout + (params.gather_job_timeout ?? 10) + 5) * 1000;
    return { ...call, timeoutMs: Math.max(defaultTimeoutMs, masterWaitMs) };
  }

  return {
    /** `local`: `{minion: return}`; targeted minions that did not answer are `false`. */
    async local(target: SaltTarget, fun: string, params?: LocalParams, call?: CallOptions): Promise<JsonObject> {
      return firstObject(await run([localChunk('local', target, fun, params)], localCall(params, call)));
    },
    /** `local_async`: the new job, or null when the target matched no minion. */
    async localAsync(target: SaltTarget, fun: string, params?: LocalParams, call?: CallOptions): Promise<LocalAsyncResult | null> {
      const first = firstObject(await run([localChunk('local_async', target, fun, params)], call));
      if (typeof first.jid !== 'string') return null;
      return { jid: first.jid, minions: isStringArray(first.minions) ? first.minions : [] };
    },
    /** `local_batch` (`batch` = `"2"` or `"25%"`): every minion's return, merged. */
    async localBatch(target: SaltTarget, fun: string, batch: string | number, params?: LocalParams, call?: CallOptions): Promise<JsonObject> {
      const chunk = { ...localChunk('local_batch', target, fun, params), batch: String(batch) };
      return mergedObjects(await run([chunk], localCall(params, call)));
    },
    /** A runner's return value; keyword arguments travel under `kwarg`. */
    async runner(fun: string, kwarg?: Record<string, unknown>, call?: CallOptions): Promise<unknown> {
      return returnList(await run([{ client: 'runner', fun, ...(kwarg ? { kwarg } : {}) }], call))[0];
    },
    /** `runner_async`: `{tag, jid}` of the runner job. */
    async runnerAsync(fun: string, kwarg?: Record<string, unknown>, call?: CallOptions): Promise<AsyncRunResult> {
      return asyncRun(await run([{ client: 'runner_async', fun, ...(kwarg ? { kwarg } : {}) }], call));
    },
    /** A wheel function's `data.return`; `success: false` becomes a 502. */
    async wheel(fun: string, kwargs?: Record<string, unknown>, call?: CallOptions): Promise<unknown> {
      return wheelReturn(await run([wheelChunk('wheel', fun, kwargs)], call), fun);
    },
    /** `wheel_async`: `{tag, jid}` of the wheel job. */
    async wheelAsync(fun: string, kwargs?: Record<string, unknown>, call?: CallOptions): Promise<AsyncRunResult> {
      return asyncRun(await run([wheelChunk('wheel_async', fun, kwargs)], call));
    },
  };
}

export type LowstateClients = ReturnType<typeof lowstateClients>;
