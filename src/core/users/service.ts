import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { fromFlag, toFlag } from '../db/dialect.js';
import { isUniqueViolation } from '../db/db-errors.js';
import type { DB } from '../db/tables.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Actor } from '../rbac/actor.js';
import { P } from '../rbac/permissions.js';
import type { RbacService } from '../rbac/service.js';
import * as repo from './repo.js';
import type { PasswordReset, UserCreate, UserSummary, UserUpdate } from './schema.js';

export const toUserSummary = (row: repo.UserRow): UserSummary => ({
  id: row.id,
  username: row.username,
  display_name: row.display_name,
  email: row.email,
  is_active: fromFlag(row.is_active),
  is_builtin: fromFlag(row.is_builtin),
  must_change_pw: fromFlag(row.must_change_pw),
  created_at: row.created_at,
  last_login_at: row.last_login_at,
});

export type UsersService = ReturnType<typeof usersService>;

/** User accounts and their role links (salt-console.md §4 Users). */
export function usersService(deps: { db: Kysely<DB>; audit: AuditService; rbac: RbacService; clock?: () => Date }) {
  const { db, audit, rbac } = deps;
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();

  async function findUser(trx: Kysely<DB>, userId: string): Promise<repo.UserRow> {
    const user = await repo.findById(trx, userId);
    if (!user) throw new NotFoundError('User not found');
    return user;
  }

  /**
   * The target of a write, with the object scope checked (`manage_user` on `user:<username>`);
   * an unknown user or a refusal is audited under the write's action.
   */
  async function requireManage(actor: Actor, userId: string, action: string): Promise<repo.UserRow> {
    const user = await repo.findById(db, userId);
    if (!user) {
      await audit.recordAlone(actor, { action, resource: `user:${userId}`, decision: 'deny', resultCode: 404 });
      throw new NotFoundError('User not found');
    }
    await rbac.require(actor, P.usersManage, user.username, action);
    return user;
  }

  return {
    async list(limit: number, offset: number) {
      const [total, rows] = await Promise.all([repo.count(db), repo.list(db, limit, offset)]);
      return { total, users: rows.map(toUserSummary) };
    },

    get: async (userId: string) => toUserSummary(await findUser(db, userId)),

    async findByUsername(username: string): Promise<UserSummary> {
      const user = await repo.findByUsername(db, username);
      if (!user) throw new NotFoundError('User not found');
      return toUserSummary(user);
    },

    async create(actor: Actor, input: UserCreate): Promise<UserSummary> {
      await rbac.require(actor, P.usersManage, input.username, 'user.create');
      const draft = { action: 'user.create', resource: `user:${input.username}`, args: input, resultCode: 201 };
      const passwordHash = await hashPassword(input.password);
      return audit.audited(actor, draft, async (trx) => {
        const known = await rbac.existingRoleIds(trx, input.role_ids);
        const unknown = input.role_ids.filter((id) => !known.includes(id));
        if (unknown.length > 0) {
          // The contract's detail is Python's repr of the list: `Unknown role IDs: ['…']`.
          const message = `Unknown role IDs: [${unknown.map((id) => `'${id}'`).join(', ')}]`;
          throw new ValidationError(message, [{ field: 'role_ids', message }]);
        }
        if (await repo.findByUsername(trx, input.username)) throw new ConflictError('Username already exists');
        const at = now();
        const row: repo.UserRow = {
          id: randomUUID(), username: input.username, password_hash: passwordHash, display_name: input.display_name,
          email: input.email || null, is_active: 1, is_builtin: 0, must_change_pw: toFlag(input.must_change_pw),
          created_at: at, updated_at: at, last_login_at: null,
        };
        await repo.insert(trx, row).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new ConflictError('Username already exists');
          throw error;
        });
        for (const roleId of new Set(input.role_ids)) await repo.addRole(trx, row.id, roleId);
        return toUserSummary(row);
      });
    },

    async update(actor: Actor, userId: string, input: UserUpdate): Promise<UserSummary> {
      const target = await requireManage(actor, userId, 'user.update');
      const draft = { action: 'user.update', resource: `user:${target.username}`, args: input, resultCode: 200 };
      return audit.audited(actor, draft, async (trx, d) => {
        const before = await findUser(trx, userId);
        if (input.is_active === false && actor.userId === userId) throw new ConflictError('Cannot deactivate yourself');
        const patch: Partial<repo.UserRow> = { updated_at: now() };
        if (input.display_name != null) patch.display_name = input.display_name;
        if (input.email != null) patch.email = input.email === '' ? null : input.email;
        if (input.is_active != null) patch.is_active = toFlag(input.is_active);
        await repo.update(trx, userId, patch);
        const after = await findUser(trx, userId);
        d.before = toUserSummary(before);
        d.after = toUserSummary(after);
        return toUserSummary(after);
      });
    },

    async remove(actor: Actor, userId: string): Promise<void> {
      const target = await requireManage(actor, userId, 'user.delete');
      await audit.audited(actor, { action: 'user.delete', resource: `user:${target.username}`, resultCode: 204 }, async (trx, d) => {
        const user = await findUser(trx, userId);
        if (actor.userId === userId) throw new ConflictError('Cannot delete yourself');
        if (fromFlag(user.is_builtin)) throw new ConflictError('Cannot delete a built-in user');
        d.before = toUserSummary(user);
        await repo.remove(trx, userId);
      });
    },

    async resetPassword(actor: Actor, userId: string, input: PasswordReset): Promise<void> {
      const target = await requireManage(actor, userId, 'user.password_reset');
      const passwordHash = await hashPassword(input.new_password);
      const draft = { action: 'user.password_reset', resource: `user:${target.username}`, args: input, resultCode: 204 };
      await audit.audited(actor, draft, async (trx) => {
        await findUser(trx, userId);
        const at = now();
        await repo.update(trx, userId, { password_hash: passwordHash, must_change_pw: toFlag(input.must_change_pw), updated_at: at });
        await repo.endSessions(trx, userId, at);
      });
    },

    async roleIds(userId: string): Promise<string[]> {
      await findUser(db, userId);
      return repo.roleIdsOf(db, userId);
    },

    /** Links a role; returns false when the link already existed. */
    async addRole(actor: Actor, userId: string, roleId: string): Promise<boolean> {
      const target = await requireManage(actor, userId, 'user.role_add');
      const draft = { action: 'user.role_add', resource: `user:${target.username}/role:${roleId}`, resultCode: 201 };
      return audit.audited(actor, draft, async (trx, d) => {
        if ((await rbac.existingRoleIds(trx, [roleId])).length === 0) {
          throw new ValidationError('Role not found', [{ field: 'role_id', message: 'Role not found' }]);
        }
        const added = await repo.addRole(trx, userId, roleId);
        d.resultCode = added ? 201 : 200;
        return added;
      });
    },

    async removeRole(actor: Actor, userId: string, roleId: string): Promise<void> {
      const target = await requireManage(actor, userId, 'user.role_remove');
      const draft = { action: 'user.role_remove', resource: `user:${target.username}/role:${roleId}`, resultCode: 204 };
      await audit.audited(actor, draft, async (trx) => {
        if (!(await repo.removeRole(trx, userId, roleId))) throw new NotFoundError('Role assignment not found');
      });
    },

    /**
     * Creates the `admin` user when there are no users: with FLEETDECK_ADMIN_PASSWORD, else a
     * random password that is returned (to print once). Either way it must be changed at first
     * sign-in.
     */
    async bootstrapAdmin(password: string | undefined): Promise<{ created: boolean; password?: string }> {
      if ((await repo.count(db)) > 0) return { created: false };
      const chosen = password ?? randomBytes(12).toString('base64url');
      const passwordHash = await hashPassword(chosen);
      const adminRoleId = await rbac.roleIdByName('admin');
      await db.transaction().execute(async (trx) => {
        const at = now();
        const id = randomUUID();
        await repo.insert(trx, {
          id, username: 'admin', password_hash: passwordHash, display_name: 'Administrator', email: null,
          is_active: 1, is_builtin: 1, must_change_pw: 1, created_at: at, updated_at: at, last_login_at: null,
        });
        await repo.addRole(trx, id, adminRoleId);
      });
      return password ? { created: true } : { created: true, password: chosen };
    },
  };
}
