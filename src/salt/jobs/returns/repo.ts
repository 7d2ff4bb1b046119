import type { Kysely } from 'kysely';
import type { DB, JobReturnsTable } from '../../../core/db/tables.js';

export type ReturnUpsert = JobReturnsTable;

const CHUNK = 400;

/** Inserts or replaces per-minion returns by (jid, minion); rows must be unique by that key. */
export async function upsertReturns(db: Kysely<DB>, rows: readonly ReturnUpsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('job_returns')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['jid', 'minion_id']).doUpdateSet((eb) => ({
          function: eb.ref('excluded.function'),
          success: eb.ref('excluded.success'),
          retcode: eb.ref('excluded.retcode'),
          return_gz: eb.ref('excluded.return_gz'),
          return_bytes: eb.ref('excluded.return_bytes'),
          truncated: eb.ref('excluded.truncated'),
          returned_at: eb.ref('excluded.returned_at'),
        })),
      )
      .execute();
  }
}

export async function listReturns(db: Kysely<DB>, jid: string): Promise<JobReturnsTable[]> {
  return db.selectFrom('job_returns').selectAll().where('jid', '=', jid).orderBy('minion_id').execute();
}

/** How many minions' returns are stored per job. */
export async function countReturns(db: Kysely<DB>, jids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (jids.length === 0) return counts;
  const rows = await db
    .selectFrom('job_returns')
    .select((eb) => ['jid', eb.fn.countAll<number>().as('n')])
    .where('jid', 'in', [...jids])
    .groupBy('jid')
    .execute();
  for (const row of rows) counts.set(row.jid, Number(row.n));
  return counts;
}

export async function deleteReturns(db: Kysely<DB>, jids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < jids.length; i += CHUNK) {
    const result = await db.deleteFrom('job_returns').where('jid', 'in', jids.slice(i, i + CHUNK)).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Returns of jobs the index no longer holds (e.g. seen only through a ret event), by age. */
export async function deleteReturnsBefore(db: Kysely<DB>, cutoff: string): Promise<number> {
  const result = await db.deleteFrom('job_returns').where('returned_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
