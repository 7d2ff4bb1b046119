import { sql, type Insertable, type Kysely } from 'kysely';
import type { ActivityEventsTable, DB } from '../../core/db/tables.js';
import type { ActivityRow } from './schema.js';

/** `lower(column) LIKE %text%` with the text's own `%`, `_` and `\` taken literally. */
function contains(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export interface ActivityFilter {
  categories: string[];
  minionId?: string;
  eventType?: string;
  search?: string;
  hideRoutine?: boolean;
  hideDispatch?: boolean;
  since?: string;
}

function filtered(db: Kysely<DB>, f: ActivityFilter) {
  let q = db.selectFrom('activity_events').where('category', 'in', f.categories);
  if (f.minionId) q = q.where('minion_id', '=', f.minionId);
  if (f.eventType) q = q.where('event_type', '=', f.eventType);
  if (f.since) q = q.where('ts', '>=', f.since);
  if (f.hideDispatch) q = q.where('event_type', '!=', 'job.new');
  if (f.hideRoutine) {
    // coalesce keeps NULLs out of three-valued logic: an unknown outcome is never "routine".
    q = q.where((eb) => eb.not(eb.and([
      eb('event_type', '=', 'job.ret'),
      eb(eb.fn.coalesce('success', sql.lit(0)), '=', 1),
      eb(eb.fn.coalesce('changed', sql.lit(0)), '=', 0),
    ])));
  }
  if (f.search) {
    const s = f.search;
    q = q.where((eb) => eb.or(['summary', 'minion_id', 'function', 'initiator', 'target'].map((column) => contains(column, s))));
  }
  return q;
}

export async function countEvents(db: Kysely<DB>, f: ActivityFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEvents(db: Kysely<DB>, f: ActivityFilter, limit: number, offset: number): Promise<ActivityRow[]> {
  return filtered(db, f).selectAll().orderBy('ts', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function insertEvent(db: Kysely<DB>, row: Insertable<ActivityEventsTable>): Promise<ActivityRow> {
  return db.insertInto('activity_events').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The newest `limit` events of `categories`, oldest first (a stream's replay). */
export async function recentEvents(db: Kysely<DB>, categories: string[], limit: number): Promise<ActivityRow[]> {
  const rows = await db.selectFrom('activity_events').selectAll().where('category', 'in', categories).orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse();
}

/** Events stored after `afterId`, oldest first (a reconnecting stream's catch-up). */
export async function eventsAfter(db: Kysely<DB>, categories: string[], afterId: number, limit: number): Promise<ActivityRow[]> {
  return db.selectFrom('activity_events').selectAll().where('category', 'in', categories).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function deleteBefore(db: Kysely<DB>, before: string): Promise<number> {
  const result = await db.deleteFrom('activity_events').where('ts', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Who dispatched job `jid` and at what, from its stored `job.new`. */
export async function jobDispatch(db: Kysely<DB>, jid: string): Promise<{ initiator: string | null; target: string | null } | undefined> {
  return db
    .selectFrom('activity_events')
    .select(['initiator', 'target'])
    .where('jid', '=', jid)
    .where('event_type', '=', 'job.new')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The type of the minion's newest stored key event. */
export async function lastKeyEventType(db: Kysely<DB>, minionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('activity_events')
    .select('event_type')
    .where('minion_id', '=', minionId)
    .where('category', '=', 'key')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.event_type;
}
