import type { FastifyBaseLogger } from 'fastify';
import type { Worker } from '../../../core/lifecycle.js';
import type { SaltClient } from '../../client/client.js';
import { HIGHSTATE_FUNCTIONS } from '../highstate/runs.js';
import type { JobsState } from '../state.js';
import type { JobsIngest } from './service.js';

const MINUTE_MS = 60_000;
/** Salt's job cache keeps 24 h by default: the first tick looks that far back. */
const FIRST_LOOKBACK_MS = 24 * 60 * MINUTE_MS;
/** Later ticks overlap the previous one by this much, so a job published mid-tick is not missed. */
const OVERLAP_MS = 10 * MINUTE_MS;
/** State jobs whose returns are fetched per tick when nothing is stored for them (highstate runs). */
const BACKFILL_PER_TICK = 10;

export interface PollResult {
  polled: number;
  active: number | null;
  backfilled: number;
}

export type JobsPoller = Worker & { tick(signal?: AbortSignal): Promise<PollResult> };

/**
 * Reconciles the jobs index with the master: `jobs.list_jobs` over a window (gaps the event
 * stream missed), then the active-JID cache from `jobs.active`, then the returns of recent state
 * jobs nothing has stored. Ticks never overlap; failures back off.
 */
export function jobsPoller(deps: {
  client: Pick<SaltClient, 'listJobs' | 'activeJobs' | 'listJob'>;
  ingest: Pick<JobsIngest, 'recordPolled' | 'recordFetched' | 'withoutReturns'>;
  state: JobsState;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  initialDelayMs?: number;
  clock?: () => Date;
}): JobsPoller {
  const clock = deps.clock ?? (() => new Date());
  const controller = new AbortController();
  let lastSuccess: Date | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;
  let stopping = false;

  async function refreshActive(signal: AbortSignal): Promise<number | null> {
    try {
      const active = await deps.client.activeJobs({ timeoutMs: 15_000, maxRetries: 1, signal });
      deps.state.setActive(active.map((job) => job.jid), clock());
      return active.length;
    } catch (error) {
      // The last known set stays: marking every job complete on one failed call would be worse.
      deps.log.warn({ err: error }, 'jobs.active failed; keeping the last known running jobs');
      return null;
    }
  }

  async function backfill(jids: string[], signal: AbortSignal): Promise<number> {
    const missing = (await deps.ingest.withoutReturns(jids)).slice(0, BACKFILL_PER_TICK);
    let done = 0;
    for (const jid of missing) {
      const detail = await deps.client.listJob(jid, { timeoutMs: 15_000, maxRetries: 1, signal });
      if (!detail) continue;
      await deps.ingest.recordFetched(detail, { skipMinions: new Set(), complete: true });
      done += 1;
    }
    return done;
  }

  async function tick(signal: AbortSignal = controller.signal): Promise<PollResult> {
    const now = clock();
    const since = new Date(Math.max(now.getTime() - FIRST_LOOKBACK_MS, (lastSuccess?.getTime() ?? 0) - OVERLAP_MS));
    const rows = await deps.client.listJobs({ startTime: since }, { timeoutMs: 90_000, maxRetries: 1, signal });
    await deps.ingest.recordPolled(rows);
    lastSuccess = now;
    deps.state.markPolled(now);
    const active = await refreshActive(signal);
    const stateJobs = rows.filter((row) => HIGHSTATE_FUNCTIONS.has(row.function) && !deps.state.isRunning(row.jid)).map((row) => row.jid);
    const backfilled = deps.state.active() ? await backfill(stateJobs, signal) : 0;
    return { polled: rows.length, active, backfilled };
  }

  function schedule(delayMs: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      inFlight = tick()
        .then(() => {
          failures = 0;
        })
        .catch((error: unknown) => {
          failures += 1;
          if (!stopping) deps.log.error({ err: error, failures }, 'jobs poller tick failed');
        })
        .finally(() => {
          inFlight = undefined;
          const backoff = failures === 0 ? deps.intervalMs : Math.min(deps.intervalMs * 2 ** failures, Math.max(deps.intervalMs, 5 * MINUTE_MS));
          schedule(backoff);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    name: 'jobs-poller',
    start: () => schedule(deps.initialDelayMs ?? Math.min(deps.intervalMs, 5_000)),
    async stop() {
      stopping = true;
      clearTimeout(timer);
      controller.abort();
      await inFlight;
      deps.state.clear();
    },
    tick,
  };
}
