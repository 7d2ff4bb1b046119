import type { Kysely } from 'kysely';
import type { DB, JobsIndexTable } from '../../../core/db/tables.js';
import { lowerLike } from '../repo.js';

export type TimelineRow = Pick<JobsIndexTable, 'jid' | 'function' | 'target' | 'user' | 'started_at' | 'minion_count'>;

export interface TimelineFilter {
  since: string;
  /** Lower-cased LIKE pattern on the function. */
  functionLike?: string;
  user?: string;
  /** Function prefixes to leave out (`runner.`, …). */
  excludePrefixes: readonly string[];
}

/** Jobs of the window, newest first, at most `limit`. */
export async function timelineRows(db: Kysely<DB>, filter: TimelineFilter, limit: number): Promise<TimelineRow[]> {
  let query = db
    .selectFrom('jobs_index')
    .select(['jid', 'function', 'target', 'user', 'started_at', 'minion_count'])
    .where('started_at', '>=', filter.since);
  if (filter.functionLike !== undefined) query = query.where(lowerLike('function', filter.functionLike));
  if (filter.user !== undefined) query = query.where('user', '=', filter.user);
  for (const prefix of filter.excludePrefixes) query = query.where('function', 'not like', `${prefix}%`);
  return query.orderBy('started_at', 'desc').orderBy('jid', 'desc').limit(limit).execute();
}
