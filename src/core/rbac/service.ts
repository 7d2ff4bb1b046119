import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/service.js';
import { fromFlag } from '../db/dialect.js';
import { isUniqueViolation } from '../db/db-errors.js';
import type { DB } from '../db/tables.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Actor } from './actor.js';
import { BUILTIN_ROLES } from './builtin-roles.js';
import { describe, type Permission } from './permissions.js';
import { can } from './rbac.js';
import * as repo from './repo.js';
import type { PermissionCreate, PermissionView, RoleCreate, RoleDetail, RoleSummary, RoleUpdate } from './schema.js';

const toRoleSummary = (row: repo.RoleRow): RoleSummary => ({
  id: row.id,
  name: row.name,
  description: row.description,
  is_builtin: fromFlag(row.is_builtin),
  permission_count: row.permission_count,
});

export type RbacService = ReturnType<typeof rbacService>;

/** Roles, their permissions, and object-scoped permission checks. */
export function rbacService(deps: { db: Kysely<DB>; audit: AuditService }) {
  const { db, audit } = deps;

  async function findRole(trx: Kysely<DB>, roleId: string): Promise<repo.RoleRow> {
    const role = await repo.findById(trx, roleId);
    if (!role) throw new NotFoundError('Role not found');
    return role;
  }

  function renameConflict(error: unknown): never {
    if (isUniqueViolation(error)) throw new ConflictError('Role name already exists');
    throw error;
  }

  return {
    /**
     * Requires `permission` on the object `objectId` (`key:web-01`, `machine:<id>`); a refusal
     * is audited and thrown as 403.
     */
    async require(actor: Actor, permission: Permission, objectId: string, action = 'access.denied'): Promise<void> {
      if (can(actor, permission, objectId)) return;
      await audit.recordAlone(actor, {
        action,
        resource: `${permission.family}:${objectId}`,
        args: { permission: describe(permission) },
        decision: 'deny',
        resultCode: 403,
      });
      throw new ForbiddenError();
    },

    /** Creates missing built-in roles and makes their grants exactly the release's. */
    async syncBuiltinRoles(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const builtin of BUILTIN_ROLES) {
          let role = await repo.findByName(trx, builtin.name);
          if (!role) {
            role = { id: randomUUID(), name: builtin.name, description: builtin.description, is_builtin: 1 };
            await repo.insert(trx, role);
          } else {
            await repo.update(trx, role.id, { description: builtin.description, is_builtin: 1 });
          }
          await repo.replacePermissions(trx, role.id, builtin.grants, randomUUID);
        }
      });
    },

    async list(limit: number, offset: number) {
      const [total, rows] = await Promise.all([repo.count(db), repo.list(db, limit, offset)]);
      return { total, roles: rows.map(toRoleSummary) };
    },

    async get(roleId: string): Promise<RoleDetail> {
      const role = await findRole(db, roleId);
      return { ...toRoleSummary(role), permissions: await repo.permissionsOf(db, roleId) };
    },

    async create(actor: Actor, input: RoleCreate): Promise<RoleSummary> {
      return audit.audited(actor, { action: 'role.create', resource: `role:${input.name}`, args: input, resultCode: 201 }, async (trx) => {
        const id = randomUUID();
        await repo.insert(trx, { id, name: input.name, description: input.description, is_builtin: 0 }).catch(renameConflict);
        return toRoleSummary(await findRole(trx, id));
      });
    },

    async update(actor: Actor, roleId: string, input: RoleUpdate): Promise<RoleSummary> {
      return audit.audited(actor, { action: 'role.update', resource: `role:${roleId}`, args: input, resultCode: 200 }, async (trx, draft) => {
        const before = await findRole(trx, roleId);
        if (input.name !== undefined && input.name !== before.name && fromFlag(before.is_builtin)) {
          throw new ConflictError('Cannot rename a built-in role');
        }
        await repo.update(trx, roleId, { name: input.name, description: input.description }).catch(renameConflict);
        const after = await findRole(trx, roleId);
        draft.before = toRoleSummary(before);
        draft.after = toRoleSummary(after);
        return toRoleSummary(after);
      });
    },

    async remove(actor: Actor, roleId: string): Promise<void> {
      await audit.audited(actor, { action: 'role.delete', resource: `role:${roleId}`, resultCode: 204 }, async (trx, draft) => {
        const role = await findRole(trx, roleId);
        if (fromFlag(role.is_builtin)) throw new ConflictError('Cannot delete a built-in role');
        draft.before = toRoleSummary(role);
        await repo.remove(trx, roleId);
      });
    },

    async addPermission(actor: Actor, roleId: string, input: PermissionCreate): Promise<PermissionView> {
      const draft = { action: 'role.permission_add', resource: `role:${roleId}`, args: input, resultCode: 201 };
      return audit.audited(actor, draft, async (trx) => {
        const role = await findRole(trx, roleId);
        if (fromFlag(role.is_builtin)) throw new ConflictError("Cannot change a built-in role's permissions");
        const row = { id: randomUUID(), role_id: roleId, verb: input.verb, resource_glob: input.resource_glob };
        await repo.insertPermission(trx, row).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new ConflictError('The role already has this permission');
          throw error;
        });
        return { id: row.id, verb: row.verb, resource_glob: row.resource_glob };
      });
    },

    async removePermission(actor: Actor, roleId: string, permissionId: string): Promise<void> {
      const draft = { action: 'role.permission_remove', resource: `role:${roleId}/permission:${permissionId}`, resultCode: 204 };
      await audit.audited(actor, draft, async (trx) => {
        const role = await findRole(trx, roleId);
        if (fromFlag(role.is_builtin)) throw new ConflictError("Cannot change a built-in role's permissions");
        if (!(await repo.removePermission(trx, roleId, permissionId))) throw new NotFoundError('Permission not found on this role');
      });
    },

    /** Which of `ids` name existing roles; takes the caller's transaction. */
    existingRoleIds: (trx: Kysely<DB>, ids: string[]) => repo.existingIds(trx, ids),

    async roleIdByName(name: string): Promise<string> {
      const role = await repo.findByName(db, name);
      if (!role) throw new NotFoundError('Role not found');
      return role.id;
    },
  };
}
