import type { Kysely } from 'kysely';
import { toFlag } from '../../../core/db/dialect.js';
import type { DB } from '../../../core/db/tables.js';
import type { SaltEvent } from '../../client/parse/events.js';
import type { JobDetail, JobRow } from '../../client/parse/jobs.js';
import * as highstateRepo from '../highstate/repo.js';
import { HIGHSTATE_FUNCTIONS, highstateRun, type SeenReturn } from '../highstate/runs.js';
import * as jobsRepo from '../repo.js';
import { encodeReturn } from '../returns/codec.js';
import * as returnsRepo from '../returns/repo.js';
import type { JobsSettings } from '../schema.js';
import { dispatchedJob, fetchedJob, polledJob, rowsFromEvents, seenResults, type Dispatch } from './rows.js';

export interface PruneResult {
  jobs: number;
  returns: number;
  runs: number;
}

/** Rows deleted per statement and per prune call, so one prune never holds the writer for long. */
const PRUNE_BATCH = 1000;
const PRUNE_MAX_BATCHES = 50;
const DAY_MS = 86_400_000;

export type JobsIngest = ReturnType<typeof jobsIngest>;

/**
 * Writes what is seen of Salt's jobs into `jobs_index`, `job_returns` and `highstate_runs`:
 * event batches, poll results, dispatches and fetched returns. Every write is an upsert, so the
 * event stream, the poller and Run may all report one job and it is stored once.
 */
export function jobsIngest(deps: { db: Kysely<DB>; settings: () => Promise<JobsSettings>; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Stores returns (and state runs) in the caller's transaction; rows are unique by jid and minion. */
  async function writeReturns(trx: Kysely<DB>, seen: readonly SeenReturn[]): Promise<void> {
    if (seen.length === 0) return;
    const returns = seen.map((r) => {
      const encoded = encodeReturn(r.value);
      return {
        jid: r.jid, minion_id: r.minion, function: r.function.slice(0, 128), success: r.success === null ? null : toFlag(r.success),
        retcode: r.retcode, return_gz: encoded.data, return_bytes: encoded.bytes, truncated: toFlag(encoded.truncated),
        returned_at: r.returnedAt.toISOString(),
      };
    });
    await returnsRepo.upsertReturns(trx, returns);
    const runs = seen.map(highstateRun).filter((run) => run !== null);
    await highstateRepo.upsertRuns(trx, runs);
  }

  async function deleteBatches(next: () => Promise<string[]>): Promise<PruneResult> {
    const total: PruneResult = { jobs: 0, returns: 0, runs: 0 };
    for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch += 1) {
      const jids = await next();
      if (jids.length === 0) break;
      await db.transaction().execute(async (trx) => {
        total.jobs += await jobsRepo.deleteJobs(trx, jids);
        total.returns += await returnsRepo.deleteReturns(trx, jids);
      });
      if (jids.length < PRUNE_BATCH) break;
    }
    return total;
  }

  return {
    /** One transaction for a whole batch of bus events (job.new and job.ret; others are ignored). */
    async recordEvents(events: readonly SaltEvent[]): Promise<{ jobs: number; returns: number }> {
      const rows = rowsFromEvents(events, clock());
      if (rows.jobs.size === 0) return { jobs: 0, returns: 0 };
      await db.transaction().execute(async (trx) => {
        await jobsRepo.upsertJobs(trx, [...rows.jobs.values()]);
        await writeReturns(trx, [...rows.returns.values()]);
      });
      return { jobs: rows.jobs.size, returns: rows.returns.size };
    },

    /** Rows from `jobs.list_jobs`, upserted in one transaction. */
    async recordPolled(polled: readonly JobRow[]): Promise<number> {
      const now = clock();
      const unique = new Map<string, jobsRepo.JobUpsert>();
      for (const row of polled) {
        const job = polledJob(row, now);
        if (job && !unique.has(job.jid)) unique.set(job.jid, job);
      }
      if (unique.size === 0) return 0;
      await db.transaction().execute((trx) => jobsRepo.upsertJobs(trx, [...unique.values()]));
      return unique.size;
    },

    /** A job Run dispatched, in the caller's transaction (the one that audits it). */
    async recordDispatch(trx: Kysely<DB>, dispatch: Dispatch): Promise<void> {
      const job = dispatchedJob(dispatch, clock());
      if (job) await jobsRepo.upsertJobs(trx, [job]);
    },

    /** Per-minion returns seen outside the event stream (job detail fetches, synchronous runs). */
    async recordReturns(seen: readonly SeenReturn[], trx?: Kysely<DB>): Promise<void> {
      if (trx) return writeReturns(trx, seen);
      await db.transaction().execute((inner) => writeReturns(inner, seen));
    },

    /**
     * A job as `jobs.list_job` told it (a detail fetch or the poller's backfill): the index row
     * merged, the returns not stored yet, and, once the job is over, a blocked state run for each
     * targeted minion that never returned.
     */
    async recordFetched(detail: JobDetail, options: { skipMinions: ReadonlySet<string>; complete: boolean }, trx?: Kysely<DB>): Promise<void> {
      const job = fetchedJob(detail, clock());
      if (!job || !detail.started_at) return;
      const startedAt = detail.started_at;
      const fresh = seenResults(detail.jid, detail.function, startedAt, detail.results.filter((r) => !options.skipMinions.has(r.minion)));
      const blocked = options.complete && HIGHSTATE_FUNCTIONS.has(detail.function)
        ? detail.missing.filter((minion) => !options.skipMinions.has(minion)).map((minion) => highstateRun({ jid: detail.jid, minion, function: detail.function, value: 'Minion did not return', retcode: null, success: null, startedAt, returnedAt: startedAt }))
        : [];
      const write = async (tx: Kysely<DB>) => {
        await jobsRepo.upsertJobs(tx, [job]);
        await writeReturns(tx, fresh);
        await highstateRepo.upsertRuns(tx, blocked.filter((run) => run !== null));
      };
      if (trx) await write(trx);
      else await db.transaction().execute(write);
    },

    /** The jobs among `jids` with no stored return at all (the poller's backfill candidates). */
    async withoutReturns(jids: readonly string[]): Promise<string[]> {
      const counts = await returnsRepo.countReturns(db, jids);
      return jids.filter((jid) => !counts.has(jid));
    },

    /** Deletes jobs (with their returns) past the retention age or beyond the newest `retention_max_jobs`. */
    async prune(): Promise<PruneResult> {
      const settings = await deps.settings();
      const cutoff = new Date(clock().getTime() - settings.retention_days * DAY_MS).toISOString();
      const byAge = await deleteBatches(() => jobsRepo.jidsStartedBefore(db, cutoff, PRUNE_BATCH));
      const boundary = await jobsRepo.keepBoundary(db, settings.retention_max_jobs);
      const byCount = boundary ? await deleteBatches(() => jobsRepo.jidsBefore(db, boundary, PRUNE_BATCH)) : { jobs: 0, returns: 0, runs: 0 };
      const orphanReturns = await returnsRepo.deleteReturnsBefore(db, cutoff);
      const runs = await highstateRepo.deleteRunsBefore(db, cutoff);
      return { jobs: byAge.jobs + byCount.jobs, returns: byAge.returns + byCount.returns + orphanReturns, runs };
    },
  };
}
