import type { Kysely } from 'kysely';
import { fromFlag } from '../../core/db/dialect.js';
import type { DB, JobReturnsTable, JobsIndexTable } from '../../core/db/tables.js';
import { AppError, NotFoundError } from '../../core/errors.js';
import type { SaltClient } from '../client/client.js';
import { splitArguments, type JobDetail as SaltJobDetail } from '../client/parse/jobs.js';
import type { JobsIngest } from './ingest/service.js';
import * as repo from './repo.js';
import { decodeReturn } from './returns/codec.js';
import * as returnsRepo from './returns/repo.js';
import type { JobDetail, MinionResultView } from './schema.js';
import type { JobsState } from './state.js';
import { toJobDetail, type DetailSource } from './views.js';

export interface DetailDeps {
  db: Kysely<DB>;
  state: JobsState;
  ingest: JobsIngest;
  client: () => SaltClient;
}

const parseJson = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function storedResult(row: JobReturnsTable): MinionResultView {
  return {
    minion: row.minion_id, success: row.success === null ? null : fromFlag(row.success), retcode: row.retcode,
    return_value: decodeReturn(row.return_gz), truncated: fromFlag(row.truncated),
  };
}

function storedSource(jid: string, row: JobsIndexTable | undefined, returns: JobReturnsTable[]): DetailSource {
  const { arguments: args, kwargs } = splitArguments(parseJson(row?.arguments_json ?? null));
  const minions = parseJson(row?.minions_json ?? null);
  return {
    jid, function: row?.function || returns[0]?.function || '', arguments: args, kwargs, target: row?.target ?? '',
    target_type: row?.target_type ?? null, user: row?.user ?? null,
    minions: Array.isArray(minions) ? minions.filter((m): m is string => typeof m === 'string') : [],
  };
}

/** Master's answer, or null when it does not know the job; an unreachable master is remembered, not thrown. */
async function askSalt(client: () => SaltClient, jid: string): Promise<{ live: SaltJobDetail | null; failure: AppError | null }> {
  try {
    return { live: await client().listJob(jid, { timeoutMs: 15_000, maxRetries: 1 }), failure: null };
  } catch (error) {
    if (error instanceof AppError) return { live: null, failure: error };
    throw error;
  }
}

/**
 * `GET /api/jobs/{jid}`: from the master when it answers (storing returns not kept yet, so the
 * detail outlives Salt's job cache), else from the stored returns; 404 when neither knows the job,
 * the master's 503/502 when it cannot be asked and nothing is stored.
 */
export async function jobDetail(deps: DetailDeps, jid: string): Promise<JobDetail> {
  const { live, failure } = await askSalt(deps.client, jid);
  const [row, stored] = await Promise.all([repo.findJob(deps.db, jid), returnsRepo.listReturns(deps.db, jid)]);
  const running = deps.state.isRunning(jid);
  const options = { status: running ? 'running' : 'complete', complete: deps.state.active() !== null && !running } as const;
  if (live) {
    await keepLive(deps, live, stored);
    const liveIds = new Set(live.results.map((r) => r.minion));
    const results: MinionResultView[] = [
      ...live.results.map((r) => ({ minion: r.minion, success: r.success, retcode: r.retcode, return_value: r.return, truncated: false })),
      ...stored.filter((r) => !liveIds.has(r.minion_id)).map(storedResult),
    ].sort((a, b) => a.minion.localeCompare(b.minion));
    return toJobDetail(live, results, { ...options, source: 'live' });
  }
  if (row || stored.length > 0) return toJobDetail(storedSource(jid, row, stored), stored.map(storedResult), { ...options, source: 'stored' });
  if (failure) throw failure;
  throw new NotFoundError(`Job ${jid} not found in cache`);
}

/** Records what the master said that is not stored yet: the index row, new returns, blocked state runs. */
async function keepLive(deps: DetailDeps, live: SaltJobDetail, stored: JobReturnsTable[]): Promise<void> {
  const storedIds = new Set(stored.map((r) => r.minion_id));
  const complete = deps.state.active() !== null && !deps.state.isRunning(live.jid);
  await deps.ingest.recordFetched(live, { skipMinions: storedIds, complete });
}
