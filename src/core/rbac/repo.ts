import type { Kysely, Selectable } from 'kysely';
import type { DB, RolesTable } from '../db/tables.js';
import type { Grant } from './permissions.js';

export type RoleRow = Selectable<RolesTable> & { permission_count: number };

function withCounts(db: Kysely<DB>) {
  return db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) =>
      eb.selectFrom('permissions').whereRef('permissions.role_id', '=', 'roles.id').select((e) => e.fn.countAll<number>().as('n')).as('permission_count'),
    );
}

export async function list(db: Kysely<DB>, limit: number, offset: number): Promise<RoleRow[]> {
  const rows = await withCounts(db).orderBy('name').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ ...r, permission_count: Number(r.permission_count) }));
}

export async function count(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('roles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findById(db: Kysely<DB>, id: string): Promise<RoleRow | undefined> {
  const row = await withCounts(db).where('id', '=', id).executeTakeFirst();
  return row && { ...row, permission_count: Number(row.permission_count) };
}

export async function findByName(db: Kysely<DB>, name: string): Promise<Selectable<RolesTable> | undefined> {
  return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function existingIds(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('roles').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function insert(db: Kysely<DB>, row: Selectable<RolesTable>): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function update(db: Kysely<DB>, id: string, patch: Partial<Selectable<RolesTable>>): Promise<void> {
  await db.updateTable('roles').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

export async function permissionsOf(db: Kysely<DB>, roleId: string) {
  return db.selectFrom('permissions').select(['id', 'verb', 'resource_glob']).where('role_id', '=', roleId).orderBy('verb').orderBy('resource_glob').execute();
}

export async function insertPermission(db: Kysely<DB>, row: { id: string; role_id: string } & Grant): Promise<void> {
  await db.insertInto('permissions').values(row).execute();
}

/** Deletes one permission of a role; false when the role has no such permission. */
export async function removePermission(db: Kysely<DB>, roleId: string, permissionId: string): Promise<boolean> {
  const result = await db.deleteFrom('permissions').where('id', '=', permissionId).where('role_id', '=', roleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function replacePermissions(db: Kysely<DB>, roleId: string, grants: Grant[], newId: () => string): Promise<void> {
  await db.deleteFrom('permissions').where('role_id', '=', roleId).execute();
  if (grants.length === 0) return;
  await db.insertInto('permissions').values(grants.map((g) => ({ id: newId(), role_id: roleId, ...g }))).execute();
}
