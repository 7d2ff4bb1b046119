import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, MinionSnapshotsTable } from '../../core/db/tables.js';
import type { MinionStatus, RunRow, SnapshotRow } from './schema.js';

/** Bound parameters per statement stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `lower(column) LIKE %text%` with the text's own `%`, `_` and `\` taken literally. */
function contains(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export interface SnapshotFilter {
  q?: string;
  status?: MinionStatus;
  osFamily?: string;
}

export async function listSnapshots(db: Kysely<DB>, f: SnapshotFilter): Promise<SnapshotRow[]> {
  let query = db.selectFrom('minion_snapshots').selectAll();
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([contains('minion_id', q), contains('os', q), contains('primary_ip', q)]));
  }
  if (f.osFamily) query = query.where(sql<boolean>`lower(os_family) = ${f.osFamily.toLowerCase()}`);
  if (f.status === 'online') query = query.where('key_status', '=', 'accepted').where('online', '=', 1);
  else if (f.status === 'offline') {
    // An unknown key state shows as offline too (salt-console.md §4 Minions).
    query = query.where((eb) => eb.or([
      eb.and([eb('key_status', '=', 'accepted'), eb('online', '=', 0)]),
      eb('key_status', 'not in', ['accepted', 'pending', 'rejected', 'denied']),
    ]));
  } else if (f.status) query = query.where('key_status', '=', f.status);
  return query.orderBy('minion_id').execute();
}

export async function findSnapshot(db: Kysely<DB>, minionId: string): Promise<SnapshotRow | undefined> {
  return db.selectFrom('minion_snapshots').selectAll().where('minion_id', '=', minionId).executeTakeFirst();
}

export async function keyStates(db: Kysely<DB>): Promise<{ minion_id: string; key_status: string; online: number }[]> {
  return db.selectFrom('minion_snapshots').select(['minion_id', 'key_status', 'online']).execute();
}

export async function acceptedIds(db: Kysely<DB>): Promise<{ minion_id: string; online: number }[]> {
  return db.selectFrom('minion_snapshots').select(['minion_id', 'online']).where('key_status', '=', 'accepted').orderBy('minion_id').execute();
}

export async function insertKeys(db: Kysely<DB>, rows: { minion_id: string; key_status: string }[], at: string): Promise<void> {
  for (const part of chunks(rows, 100)) {
    await db.insertInto('minion_snapshots').values(part.map((r) => ({ ...r, online: 0, keys_refreshed_at: at }))).execute();
  }
}

/** Sets a key's state; a key that is no longer accepted is no longer online. */
export async function setKeyStatus(db: Kysely<DB>, minionId: string, keyStatus: string, at: string): Promise<void> {
  const changes: Updateable<MinionSnapshotsTable> = { key_status: keyStatus, keys_refreshed_at: at };
  if (keyStatus !== 'accepted') changes.online = 0;
  await db.updateTable('minion_snapshots').set(changes).where('minion_id', '=', minionId).execute();
}

/** Inserts the minion with its key state, or updates the state of the row already there. */
export async function upsertKey(db: Kysely<DB>, minionId: string, keyStatus: string, at: string): Promise<void> {
  const changes: Updateable<MinionSnapshotsTable> = { key_status: keyStatus, keys_refreshed_at: at };
  if (keyStatus !== 'accepted') changes.online = 0;
  await db
    .insertInto('minion_snapshots')
    .values({ minion_id: minionId, key_status: keyStatus, online: 0, keys_refreshed_at: at })
    .onConflict((oc) => oc.column('minion_id').doUpdateSet(changes))
    .execute();
}

export async function deleteSnapshots(db: Kysely<DB>, minionIds: string[]): Promise<void> {
  for (const part of chunks(minionIds)) await db.deleteFrom('minion_snapshots').where('minion_id', 'in', part).execute();
}

export async function touchKeys(db: Kysely<DB>, at: string): Promise<void> {
  await db.updateTable('minion_snapshots').set({ keys_refreshed_at: at }).execute();
}

/** Sets `online` on the accepted rows among `minionIds` (others have no connection to show). */
export async function setOnline(db: Kysely<DB>, minionIds: string[], online: boolean, at: string): Promise<void> {
  const changes: Updateable<MinionSnapshotsTable> = { online: online ? 1 : 0, presence_refreshed_at: at };
  if (online) changes.last_seen_at = at;
  for (const part of chunks(minionIds)) {
    await db.updateTable('minion_snapshots').set(changes).where('minion_id', 'in', part).where('key_status', '=', 'accepted').execute();
  }
}

export async function touchPresence(db: Kysely<DB>, at: string): Promise<void> {
  await db.updateTable('minion_snapshots').set({ presence_refreshed_at: at }).execute();
}

export type GrainFields = Pick<
  MinionSnapshotsTable,
  'primary_ip' | 'os' | 'os_family' | 'osrelease' | 'kernel' | 'kernelrelease' | 'virtual_type' | 'num_cpus' | 'mem_total_mb' | 'saltversion' | 'grains_json'
>;

export async function saveGrains(db: Kysely<DB>, minionId: string, fields: GrainFields, at: string): Promise<void> {
  await db.updateTable('minion_snapshots').set({ ...fields, grains_refreshed_at: at }).where('minion_id', '=', minionId).execute();
}

export async function countRuns(db: Kysely<DB>, minionId: string): Promise<number> {
  const row = await db
    .selectFrom('highstate_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('minion_id', '=', minionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The minion's newest runs first. */
export async function latestRuns(db: Kysely<DB>, minionId: string, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('highstate_runs')
    .selectAll()
    .where('minion_id', '=', minionId)
    .orderBy('completed_at', 'desc')
    .orderBy('jid', 'desc')
    .limit(limit)
    .execute();
}
