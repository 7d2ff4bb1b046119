import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/tables.js';
import type { SaltClient } from '../client/client.js';
import type { JobRow } from '../client/parse/jobs.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import * as repo from './repo.js';
import type { JobList, JobQuery, JobSummary } from './schema.js';
import type { JobsState } from './state.js';
import { jidStartTime, toJobSummary } from './views.js';

const HOUR_MS = 3_600_000;
const isGlob = (text: string) => /[*?]/.test(text);

/** A glob (`*`, `?`) or a substring as a lower-cased LIKE pattern, with LIKE's own characters escaped. */
export function likePattern(text: string, mode: 'glob' | 'substring'): string {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return mode === 'glob' ? escaped.replace(/\*/g, '%').replace(/\?/g, '_') : `%${escaped}%`;
}

function window(query: JobQuery, now: Date): { since?: string; until?: string } {
  const bounds = [query.since ? Date.parse(query.since) : null, query.hours ? now.getTime() - query.hours * HOUR_MS : null].filter((v): v is number => v !== null);
  return {
    since: bounds.length > 0 ? new Date(Math.max(...bounds)).toISOString() : undefined,
    until: query.until ? new Date(query.until).toISOString() : undefined,
  };
}

function filterOf(query: JobQuery, now: Date): repo.JobFilter {
  const filter: repo.JobFilter = { ...window(query, now) };
  if (query.function) {
    if (isGlob(query.function)) filter.functionLike = likePattern(query.function, 'glob');
    else filter.functionIs = query.function;
  }
  if (query.target) {
    if (isGlob(query.target)) filter.targetLike = likePattern(query.target, 'glob');
    else filter.targetIs = query.target;
  }
  if (query.user) filter.user = query.user;
  if (query.q) filter.searchLike = likePattern(query.q, 'substring');
  if (query.cursor) filter.after = decodeCursor(query.cursor);
  return filter;
}

/** `GET /api/jobs` from the index: newest first, keyset-paged; statuses from the active-JID cache. */
export async function listFromIndex(db: Kysely<DB>, state: JobsState, query: JobQuery, now: Date): Promise<JobList> {
  const active = state.active();
  const envelope = { last_polled_at: state.lastPolledAt(), active_known: active !== null };
  const filter = filterOf(query, now);
  if (query.status === 'running') {
    if (!active || active.jids.size === 0) return { ...envelope, total: 0, jobs: [], next_cursor: null };
    filter.onlyJids = [...active.jids];
  }
  if (query.status === 'complete' && active) filter.exceptJids = [...active.jids];
  const rows = await repo.listJobs(db, filter, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const jobs = page.map((row) => toJobSummary(row, state.isRunning(row.jid) ? 'running' : 'complete'));
  return { ...envelope, total: jobs.length, jobs, next_cursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** `?live=true`: `jobs.list_jobs` and `jobs.active` straight from the master, capped at `limit` (≤ 500). */
export async function listLive(client: SaltClient, query: JobQuery, now: Date): Promise<JobList> {
  const { since, until } = window(query, now);
  const rows = await client.listJobs(
    {
      startTime: since ? new Date(since) : undefined, endTime: until ? new Date(until) : undefined,
      searchFunction: query.function, searchTarget: query.target,
    },
    { timeoutMs: 60_000, maxRetries: 1 },
  );
  const active = await client.activeJobs({ timeoutMs: 15_000, maxRetries: 0 }).then(
    (jobs) => new Set(jobs.map((job) => job.jid)),
    () => null,
  );
  const needle = query.q?.toLowerCase();
  const jobs: JobSummary[] = [];
  for (const row of rows) {
    if (jobs.length >= query.limit) break;
    const status = active?.has(row.jid) ? 'running' : 'complete';
    if (query.user && row.user !== query.user) continue;
    if (query.status && status !== query.status) continue;
    if (needle && !row.function.toLowerCase().includes(needle) && !row.target.toLowerCase().includes(needle)) continue;
    jobs.push(liveSummary(row, status));
  }
  return { total: jobs.length, jobs, last_polled_at: null, active_known: active !== null, next_cursor: null };
}

function liveSummary(row: JobRow, status: JobSummary['status']): JobSummary {
  return {
    jid: row.jid, function: row.function, target: row.target, target_type: row.target_type, user: row.user,
    start_time: jidStartTime(row.jid), status, started_at: row.started_at?.toISOString() ?? null,
  };
}
