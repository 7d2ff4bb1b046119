import type { Kysely } from 'kysely';
import type { DB, HighstateRunsTable } from '../../../core/db/tables.js';

export type HighstateUpsert = HighstateRunsTable;

/** A state job's outcome over its minions (the timeline's bar colour). */
export interface HighstateAggregate {
  jid: string;
  completed_at: string;
  minion_count: number;
  fail_count: number;
  change_count: number;
  failed_minion_count: number;
}

const CHUNK = 400;

/** Inserts or refreshes one run per (minion, jid): idempotent for events, polls and detail fetches. */
export async function upsertRuns(db: Kysely<DB>, rows: readonly HighstateUpsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('highstate_runs')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['minion_id', 'jid']).doUpdateSet((eb) => ({
          function: eb.ref('excluded.function'),
          completed_at: eb.ref('excluded.completed_at'),
          pass_count: eb.ref('excluded.pass_count'),
          fail_count: eb.ref('excluded.fail_count'),
          change_count: eb.ref('excluded.change_count'),
          total_count: eb.ref('excluded.total_count'),
          duration_ms: eb.ref('excluded.duration_ms'),
          blocked: eb.ref('excluded.blocked'),
          raw_result_json: eb.ref('excluded.raw_result_json'),
        })),
      )
      .execute();
  }
}

/** The runs of some jobs, added up per job. */
export async function aggregateByJid(db: Kysely<DB>, jids: readonly string[]): Promise<Map<string, HighstateAggregate>> {
  const out = new Map<string, HighstateAggregate>();
  for (let i = 0; i < jids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('highstate_runs')
      .select((eb) => [
        'jid',
        eb.fn.max('completed_at').as('completed_at'),
        eb.fn.countAll<number>().as('minion_count'),
        eb.fn.sum<number>('fail_count').as('fail_count'),
        eb.fn.sum<number>('change_count').as('change_count'),
        eb.fn.sum<number>(eb.case().when('fail_count', '<>', 0).then(1).else(0).end()).as('failed_minion_count'),
      ])
      .where('jid', 'in', jids.slice(i, i + CHUNK))
      .groupBy('jid')
      .execute();
    for (const row of rows) {
      out.set(row.jid, {
        jid: row.jid,
        completed_at: row.completed_at,
        minion_count: Number(row.minion_count),
        fail_count: Number(row.fail_count),
        change_count: Number(row.change_count),
        failed_minion_count: Number(row.failed_minion_count),
      });
    }
  }
  return out;
}

export async function deleteRunsBefore(db: Kysely<DB>, cutoff: string): Promise<number> {
  const result = await db.deleteFrom('highstate_runs').where('completed_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
