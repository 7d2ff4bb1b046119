import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from '../db/tables.js';
import type { ChainedFields } from './hash.js';

/**
 * Takes the chain head for this transaction: the update locks the row on PostgreSQL (and SQLite
 * has one writer), so appends are serialised and the chain has no forks.
 */
export async function lockChainHead(db: Kysely<DB>): Promise<{ seq: number; hash: string }> {
  return db
    .updateTable('audit_chain')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
}

export async function appendRow(db: Kysely<DB>, row: ChainedFields & { prev_hash: string; hash: string }): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
  await db.updateTable('audit_chain').set({ hash: row.hash }).where('id', '=', 1).execute();
}

export interface AuditFilter {
  userId?: string;
  actor?: string;
  action?: string;
  resource?: string;
  decision?: string;
  since?: string;
  until?: string;
}

/**
 * A bound in the stored form (UTC, milliseconds), so SQLite's text comparison orders instants.
 * A time JavaScript cannot parse (a leap second, `23:59:60`) is passed on as given.
 */
function instant(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.resource) q = q.where('resource', '=', f.resource);
  if (f.decision) q = q.where('decision', '=', f.decision);
  if (f.since) q = q.where('at', '>=', instant(f.since));
  if (f.until) q = q.where('at', '<', instant(f.until));
  return q;
}

export async function countRows(db: Kysely<DB>, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listRows(
  db: Kysely<DB>,
  f: AuditFilter,
  limit: number,
  offset: number,
): Promise<Selectable<AuditLogTable>[]> {
  return filtered(db, f).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

/** Rows in chain order after `afterId`, a page at a time, for verification. */
export async function rowsAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<Selectable<AuditLogTable>[]> {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function chainHead(db: Kysely<DB>): Promise<{ seq: number; hash: string }> {
  return db.selectFrom('audit_chain').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
