import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB, JobsIndexTable } from '../../core/db/tables.js';

/** One `jobs_index` row to upsert; `started_at`/`seen_at` are ISO strings. */
export type JobUpsert = JobsIndexTable;

export type JobListRow = Pick<JobsIndexTable, 'jid' | 'function' | 'target' | 'target_type' | 'user' | 'started_at'>;

/** A keyset position: the last row of the previous page. */
export interface Keyset {
  started_at: string;
  jid: string;
}

/** Filters on indexed columns, already turned into SQL patterns by the service. */
export interface JobFilter {
  functionIs?: string;
  /** A lower-cased LIKE pattern (escape `\`). */
  functionLike?: string;
  targetIs?: string;
  targetLike?: string;
  user?: string;
  /** Lower-cased LIKE pattern matched against function or target. */
  searchLike?: string;
  since?: string;
  until?: string;
  onlyJids?: readonly string[];
  exceptJids?: readonly string[];
  after?: Keyset;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `lower(column) LIKE pattern`, the same on both engines (SQLite's LIKE ignores case, PostgreSQL's does not). */
export function lowerLike(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/**
 * Inserts or merges jobs by jid (multi-row, chunked). A second sighting never duplicates a job:
 * it refreshes `seen_at` and fills what the first one lacked (function, target, user, minions).
 * `source` stays whoever saw the job first, except that `run` (Fleetdeck dispatched it) always
 * sticks: a job's own events often beat the dispatch answer. Rows must be unique by jid per call.
 */
export async function upsertJobs(db: Kysely<DB>, rows: readonly JobUpsert[]): Promise<void> {
  const existing = (column: string) => sql.ref(`jobs_index.${column}`);
  const incoming = (column: string) => sql.ref(`excluded.${column}`);
  const fillBlank = (column: string) => sql<string>`case when ${existing(column)} = '' then ${incoming(column)} else ${existing(column)} end`;
  for (const part of chunks(rows)) {
    await db
      .insertInto('jobs_index')
      .values(part)
      .onConflict((oc) =>
        oc.column('jid').doUpdateSet((eb) => ({
          function: fillBlank('function'),
          target: fillBlank('target'),
          target_type: eb.fn.coalesce('jobs_index.target_type', 'excluded.target_type'),
          user: eb.fn.coalesce('jobs_index.user', 'excluded.user'),
          seen_at: eb.ref('excluded.seen_at'),
          arguments_json: eb.fn.coalesce('jobs_index.arguments_json', 'excluded.arguments_json'),
          minions_json: eb.fn.coalesce('jobs_index.minions_json', 'excluded.minions_json'),
          minion_count: eb.fn.coalesce('jobs_index.minion_count', 'excluded.minion_count'),
          source: sql<string>`case when ${incoming('source')} = 'run' then 'run' else ${existing('source')} end`,
        })),
      )
      .execute();
  }
}

/** A page of jobs, newest first by (started_at, jid): keyset paging on the `jobs_index_started` index. */
export async function listJobs(db: Kysely<DB>, filter: JobFilter, limit: number): Promise<JobListRow[]> {
  let query = db.selectFrom('jobs_index').select(['jid', 'function', 'target', 'target_type', 'user', 'started_at']);
  if (filter.functionIs !== undefined) query = query.where('function', '=', filter.functionIs);
  if (filter.functionLike !== undefined) query = query.where(lowerLike('function', filter.functionLike));
  if (filter.targetIs !== undefined) query = query.where('target', '=', filter.targetIs);
  if (filter.targetLike !== undefined) query = query.where(lowerLike('target', filter.targetLike));
  if (filter.user !== undefined) query = query.where('user', '=', filter.user);
  if (filter.searchLike !== undefined) {
    const pattern = filter.searchLike;
    query = query.where((eb) => eb.or([lowerLike('function', pattern), lowerLike('target', pattern)]));
  }
  if (filter.since !== undefined) query = query.where('started_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('started_at', '<', filter.until);
  if (filter.onlyJids !== undefined) query = query.where('jid', 'in', filter.onlyJids.length > 0 ? [...filter.onlyJids] : ['']);
  if (filter.exceptJids !== undefined && filter.exceptJids.length > 0) query = query.where('jid', 'not in', [...filter.exceptJids]);
  if (filter.after) {
    const { started_at, jid } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('started_at', 'jid'), '<', eb.tuple(started_at, jid)));
  }
  return query.orderBy('started_at', 'desc').orderBy('jid', 'desc').limit(limit).execute();
}

export async function findJob(db: Kysely<DB>, jid: string): Promise<JobsIndexTable | undefined> {
  return db.selectFrom('jobs_index').selectAll().where('jid', '=', jid).executeTakeFirst();
}

/** Start times of the jobs started at or after `since` (activity buckets). */
export async function startTimesSince(db: Kysely<DB>, since: string): Promise<string[]> {
  const rows = await db.selectFrom('jobs_index').select('started_at').where('started_at', '>=', since).execute();
  return rows.map((row) => row.started_at);
}

/** Jobs started before `cutoff`, oldest first, at most `limit` (retention by age). */
export async function jidsStartedBefore(db: Kysely<DB>, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('jobs_index').select('jid').where('started_at', '<', cutoff).orderBy('started_at').orderBy('jid').limit(limit).execute();
  return rows.map((row) => row.jid);
}

/** The newest `keep`-th job's position, or undefined when there are no more than `keep` jobs. */
export async function keepBoundary(db: Kysely<DB>, keep: number): Promise<Keyset | undefined> {
  return db
    .selectFrom('jobs_index')
    .select(['started_at', 'jid'])
    .orderBy('started_at', 'desc')
    .orderBy('jid', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
}

/** Jobs older than a keyset position, oldest first, at most `limit` (retention by count). */
export async function jidsBefore(db: Kysely<DB>, boundary: Keyset, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs_index')
    .select('jid')
    .where((eb) => eb(eb.refTuple('started_at', 'jid'), '<', eb.tuple(boundary.started_at, boundary.jid)))
    .orderBy('started_at')
    .orderBy('jid')
    .limit(limit)
    .execute();
  return rows.map((row) => row.jid);
}

export async function deleteJobs(db: Kysely<DB>, jids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const part of chunks(jids)) {
    const result = await db.deleteFrom('jobs_index').where('jid', 'in', part).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
