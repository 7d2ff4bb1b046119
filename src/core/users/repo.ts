import type { Kysely, Selectable } from 'kysely';
import { lowerEquals } from '../db/dialect.js';
import type { DB, UsersTable } from '../db/tables.js';
import type { Grant } from '../rbac/permissions.js';

export type UserRow = Selectable<UsersTable>;

export async function findById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where((eb) => lowerEquals(eb.ref('username'), username)).executeTakeFirst();
}

export async function count(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function list(db: Kysely<DB>, limit: number, offset: number): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy((eb) => eb.fn('lower', ['username'])).orderBy('id').limit(limit).offset(offset).execute();
}

export async function insert(db: Kysely<DB>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function update(db: Kysely<DB>, id: string, patch: Partial<UserRow>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Every grant the user holds through any role (duplicates kept; callers de-duplicate). */
export async function grantsOf(db: Kysely<DB>, userId: string): Promise<Grant[]> {
  return db
    .selectFrom('user_roles')
    .innerJoin('permissions', 'permissions.role_id', 'user_roles.role_id')
    .select(['permissions.verb', 'permissions.resource_glob'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('permissions.verb')
    .orderBy('permissions.resource_glob')
    .execute();
}

export async function roleIdsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role_id').where('user_id', '=', userId).orderBy('role_id').execute();
  return rows.map((r) => r.role_id);
}

/** Links a role; false when it was already linked. */
export async function addRole(db: Kysely<DB>, userId: string, roleId: string): Promise<boolean> {
  const result = await db
    .insertInto('user_roles')
    .values({ user_id: userId, role_id: roleId })
    .onConflict((oc) => oc.columns(['user_id', 'role_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeRole(db: Kysely<DB>, userId: string, roleId: string): Promise<boolean> {
  const result = await db.deleteFrom('user_roles').where('user_id', '=', userId).where('role_id', '=', roleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Signs the user out everywhere (but the current session): cookie sessions and refresh tokens. */
export async function endSessions(db: Kysely<DB>, userId: string, at: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
  await db.updateTable('refresh_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
