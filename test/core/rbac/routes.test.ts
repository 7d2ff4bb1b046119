import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/rbac/actor.js';
import { BUILTIN_ROLES } from '../../../src/core/rbac/builtin-roles.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Method = NonNullable<InjectOptions['method']>;

function call(method: Method, url: string, cookie?: string, payload?: object) {
  return t.fd.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}

async function signedIn(roles: string[]) {
  const user = await t.makeUser({ roles });
  return { ...user, cookie: await t.login(user.username) };
}

function auditRows(filter: { action: string; resource?: string; userId?: string }) {
  let q = t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', filter.action);
  if (filter.resource !== undefined) q = q.where('resource', '=', filter.resource);
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
  return q.orderBy('id').execute();
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const grantText = (g: { verb: string; resource_glob: string }) => `${g.verb}:${g.resource_glob}`;

interface RoleBody {
  id: string;
  name: string;
  description: string;
  is_builtin: boolean;
  permission_count: number;
  permissions?: Array<{ id: string; verb: string; resource_glob: string }>;
}

interface Endpoint {
  method: Method;
  path: (roleId: string) => string;
  permission: string;
  payload?: object;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: () => '/api/roles', permission: 'view:role:*' },
  { method: 'GET', path: (id) => `/api/roles/${id}`, permission: 'view:role:*' },
  { method: 'POST', path: () => '/api/roles', permission: 'manage_role:role:*', payload: { name: 'never-created' } },
  { method: 'PATCH', path: (id) => `/api/roles/${id}`, permission: 'manage_role:role:*', payload: { description: 'changed' } },
  { method: 'DELETE', path: (id) => `/api/roles/${id}`, permission: 'manage_role:role:*' },
  { method: 'POST', path: (id) => `/api/roles/${id}/permissions`, permission: 'manage_role:role:*', payload: { verb: 'view', resource_glob: 'job:*' } },
  { method: 'DELETE', path: (id) => `/api/roles/${id}/permissions/${randomUUID()}`, permission: 'manage_role:role:*' },
];

describe.each(ENDPOINTS)('$method $path', ({ method, path, permission, payload }) => {
  it('answers 401 "Not authenticated" without a session cookie', async () => {
    const role = await t.makeRole([]);
    const response = await call(method, path(role.id), undefined, payload);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ detail: 'Not authenticated', request_id: expect.any(String) });
  });

  it('answers 403 to a viewer, changes nothing and audits the refusal as access.denied', async () => {
    const role = await t.makeRole(['view:job:*']);
    const viewer = await signedIn(['viewer']);
    const url = path(role.id);
    const response = await call(method, url, viewer.cookie, payload);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
    const rows = await auditRows({ action: 'access.denied', userId: viewer.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: viewer.username, resource: 'role:*', decision: 'deny', result_code: 403 });
    expect(json(rows[0]!.args_json)).toEqual({ permission, method, path: url });
    const after = await t.fd.services.rbac.get(role.id);
    expect([after.name, after.description, after.permissions.map(grantText)]).toEqual([role.name, '', ['view:job:*']]);
  });
});

describe('built-in roles', () => {
  it('exist after start with exactly the release\u2019s grants', async () => {
    const admin = await t.cookieFor(['admin']);
    const list = (await call('GET', '/api/roles?limit=500', admin)).json() as { roles: RoleBody[] };
    for (const builtin of BUILTIN_ROLES) {
      const summary = list.roles.find((r) => r.name === builtin.name);
      expect(summary, builtin.name).toMatchObject({ description: builtin.description, is_builtin: true, permission_count: builtin.grants.length });
      const detail = (await call('GET', `/api/roles/${summary!.id}`, admin)).json() as RoleBody;
      expect(detail.permissions!.map(grantText).sort()).toEqual(builtin.grants.map(grantText).sort());
    }
  });

  it('are restored to the release\u2019s grants by the next sync', async () => {
    const roleId = await t.fd.services.rbac.roleIdByName('edge_agent');
    await t.fd.database.db.deleteFrom('permissions').where('role_id', '=', roleId).execute();
    await t.fd.database.db.insertInto('permissions').values({ id: randomUUID(), role_id: roleId, verb: '*', resource_glob: '*' }).execute();
    await t.fd.database.db.updateTable('roles').set({ description: 'tampered', is_builtin: 0 }).where('id', '=', roleId).execute();
    await t.fd.services.rbac.syncBuiltinRoles();
    const role = await t.fd.services.rbac.get(roleId);
    expect(role).toMatchObject({ name: 'edge_agent', is_builtin: true, description: BUILTIN_ROLES.find((r) => r.name === 'edge_agent')!.description });
    expect(role.permissions.map(grantText)).toEqual(['ingest:reading:*']);
  });

  it('let an operator read users, roles and audit but not manage users or roles', async () => {
    const operator = await t.cookieFor(['operator']);
    for (const url of ['/api/users', '/api/roles', '/api/audit']) expect([url, (await call('GET', url, operator)).statusCode]).toEqual([url, 200]);
    expect((await call('POST', '/api/users', operator, { username: t.unique('op'), password: 'long-enough-pw' })).statusCode).toBe(403);
    expect((await call('POST', '/api/roles', operator, { name: t.unique('op-role') })).statusCode).toBe(403);
  });

  it('keep a viewer out of users, roles and audit', async () => {
    const viewer = await t.cookieFor(['viewer']);
    for (const url of ['/api/users', '/api/roles', '/api/audit', '/api/v1/audit']) {
      expect([url, (await call('GET', url, viewer)).statusCode]).toEqual([url, 403]);
    }
  });
});

describe('GET /api/roles', () => {
  it('lists roles ordered by name with their permission counts and the total', async () => {
    const admin = await t.cookieFor(['admin']);
    const tag = t.unique('ord');
    for (const [suffix, grants] of [['c', []], ['a', ['view:job:*', 'view:key:*']], ['b', ['view:job:*']]] as const) {
      const role = await t.fd.services.rbac.create(SYSTEM_ACTOR, { name: `${tag}-${suffix}`, description: `role ${suffix}` });
      for (const grant of grants) {
        const [verb, ...rest] = grant.split(':');
        await t.fd.services.rbac.addPermission(SYSTEM_ACTOR, role.id, { verb: verb!, resource_glob: rest.join(':') });
      }
    }
    const response = await call('GET', '/api/roles?limit=500', admin);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; roles: RoleBody[] };
    const count = await t.fd.database.db.selectFrom('roles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(count.n));
    expect(body.roles).toHaveLength(body.total);
    const names = body.roles.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(body.roles.filter((r) => r.name.startsWith(tag))).toEqual([
      { id: expect.any(String), name: `${tag}-a`, description: 'role a', is_builtin: false, permission_count: 2 },
      { id: expect.any(String), name: `${tag}-b`, description: 'role b', is_builtin: false, permission_count: 1 },
      { id: expect.any(String), name: `${tag}-c`, description: 'role c', is_builtin: false, permission_count: 0 },
    ]);
  });

  it('honours limit and offset and keeps total the count of every role', async () => {
    const admin = await t.cookieFor(['admin']);
    await t.makeRole([]);
    const all = (await call('GET', '/api/roles?limit=500', admin)).json() as { total: number; roles: RoleBody[] };
    expect(all.total).toBeGreaterThan(BUILTIN_ROLES.length);
    const page = await call('GET', '/api/roles?limit=3&offset=2', admin);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ total: all.total, roles: all.roles.slice(2, 5) });
    const bad = await call('GET', '/api/roles?limit=0', admin);
    expect([bad.statusCode, bad.json().detail[0].loc]).toEqual([422, ['query', 'limit']]);
  });
});

describe('GET /api/roles/:role_id', () => {
  it('returns the role with its permissions', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole(['view:job:*', 'kill:job:web-*']);
    const response = await call('GET', `/api/roles/${role.id}`, admin);
    expect(response.statusCode).toBe(200);
    const body = response.json() as RoleBody;
    expect(body).toEqual({
      id: role.id, name: role.name, description: '', is_builtin: false, permission_count: 2,
      permissions: expect.any(Array),
    });
    expect(body.permissions!.map(grantText).sort()).toEqual(['kill:job:web-*', 'view:job:*']);
    for (const p of body.permissions!) expect(Object.keys(p).sort()).toEqual(['id', 'resource_glob', 'verb']);
  });

  it('answers 404 "Role not found" and 422 for an id that is not a UUID', async () => {
    const admin = await t.cookieFor(['admin']);
    const missing = await call('GET', `/api/roles/${randomUUID()}`, admin);
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'Role not found']);
    const bad = await call('GET', '/api/roles/admin', admin);
    expect([bad.statusCode, bad.json().detail[0].loc]).toEqual([422, ['path', 'role_id']]);
  });
});

describe('POST /api/roles', () => {
  it('creates a custom role: 201 RoleSummary, audited', async () => {
    const admin = await signedIn(['admin']);
    const name = t.unique('created');
    const response = await call('POST', '/api/roles', admin.cookie, { name, description: 'Made in a test' });
    expect(response.statusCode).toBe(201);
    const body = response.json() as RoleBody;
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name, description: 'Made in a test', is_builtin: false, permission_count: 0 });
    expect((await call('GET', `/api/roles/${body.id}`, admin.cookie)).json()).toEqual({ ...body, permissions: [] });
    const rows = await auditRows({ action: 'role.create', resource: `role:${name}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 201 });
    expect(json(rows[0]!.args_json)).toEqual({ name, description: 'Made in a test' });
  });

  it('defaults the description to ""', async () => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('POST', '/api/roles', admin, { name: t.unique('nodesc') });
    expect([response.statusCode, response.json().description]).toEqual([201, '']);
  });

  it('answers 409 "Role name already exists" for a duplicate name and audits the refusal', async () => {
    const admin = await t.cookieFor(['admin']);
    const name = t.unique('dup');
    expect((await call('POST', '/api/roles', admin, { name })).statusCode).toBe(201);
    const response = await call('POST', '/api/roles', admin, { name });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ detail: 'Role name already exists', request_id: expect.any(String) });
    const rows = await auditRows({ action: 'role.create', resource: `role:${name}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['allow', 201], ['deny', 409]]);
    const builtin = await call('POST', '/api/roles', admin, { name: 'admin' });
    expect([builtin.statusCode, builtin.json().detail]).toEqual([409, 'Role name already exists']);
  });

  it.each([
    ['an empty name', { name: '' }, ['body', 'name']],
    ['a blank name', { name: '   ' }, ['body', 'name']],
    ['a name over 64 characters', { name: 'r'.repeat(65) }, ['body', 'name']],
    ['a missing name', { description: 'x' }, ['body', 'name']],
    ['a description over 255 characters', { name: 'long-desc', description: 'd'.repeat(256) }, ['body', 'description']],
  ])('answers 422 naming the field for %s', async (_name, payload, loc) => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('POST', '/api/roles', admin, payload);
    expect(response.statusCode).toBe(422);
    expect(response.json().detail[0].loc).toEqual(loc);
  });
});

describe('PATCH /api/roles/:role_id', () => {
  it('changes the description and audits before and after', async () => {
    const admin = await signedIn(['admin']);
    const role = await t.makeRole(['view:job:*']);
    const response = await call('PATCH', `/api/roles/${role.id}`, admin.cookie, { description: 'Now described' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: role.id, name: role.name, description: 'Now described', is_builtin: false, permission_count: 1 });
    const rows = await auditRows({ action: 'role.update', resource: `role:${role.id}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 200 });
    expect(json(rows[0]!.args_json)).toEqual({ description: 'Now described' });
    expect(json(rows[0]!.before_json)).toMatchObject({ description: '' });
    expect(json(rows[0]!.after_json)).toEqual(response.json());
  });

  it('renames a custom role, and answers 409 when the new name is taken', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const other = await t.makeRole([]);
    const name = t.unique('renamed');
    const renamed = await call('PATCH', `/api/roles/${role.id}`, admin, { name });
    expect([renamed.statusCode, renamed.json().name]).toEqual([200, name]);
    expect((await t.fd.services.rbac.get(role.id)).name).toBe(name);
    const taken = await call('PATCH', `/api/roles/${other.id}`, admin, { name });
    expect([taken.statusCode, taken.json().detail]).toEqual([409, 'Role name already exists']);
    expect((await t.fd.services.rbac.get(other.id)).name).toBe(other.name);
  });

  it('answers 409 "Cannot rename a built-in role" but lets its description change', async () => {
    const admin = await t.cookieFor(['admin']);
    const roleId = await t.fd.services.rbac.roleIdByName('technician');
    try {
      const rename = await call('PATCH', `/api/roles/${roleId}`, admin, { name: t.unique('tech') });
      expect([rename.statusCode, rename.json().detail]).toEqual([409, 'Cannot rename a built-in role']);
      const described = await call('PATCH', `/api/roles/${roleId}`, admin, { name: 'technician', description: 'Changed in a test' });
      expect(described.statusCode).toBe(200);
      expect(described.json()).toMatchObject({ name: 'technician', description: 'Changed in a test', is_builtin: true });
    } finally {
      await t.fd.services.rbac.syncBuiltinRoles();
    }
  });

  it('answers 404 for an unknown role and 422 naming an empty name', async () => {
    const admin = await t.cookieFor(['admin']);
    const missing = await call('PATCH', `/api/roles/${randomUUID()}`, admin, { description: 'x' });
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'Role not found']);
    const role = await t.makeRole([]);
    const empty = await call('PATCH', `/api/roles/${role.id}`, admin, { name: '' });
    expect([empty.statusCode, empty.json().detail[0].loc]).toEqual([422, ['body', 'name']]);
  });
});

describe('DELETE /api/roles/:role_id', () => {
  it('deletes a custom role with its permissions and user links (204), audited', async () => {
    const admin = await signedIn(['admin']);
    const role = await t.makeRole(['view:job:*']);
    const user = await t.makeUser({ roles: [role.name] });
    const response = await call('DELETE', `/api/roles/${role.id}`, admin.cookie);
    expect([response.statusCode, response.body]).toEqual([204, '']);
    expect((await call('GET', `/api/roles/${role.id}`, admin.cookie)).statusCode).toBe(404);
    expect(await t.fd.database.db.selectFrom('permissions').select('id').where('role_id', '=', role.id).execute()).toEqual([]);
    expect((await call('GET', `/api/users/${user.id}/roles`, admin.cookie)).json()).toEqual([]);
    const rows = await auditRows({ action: 'role.delete', resource: `role:${role.id}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 204 });
    expect(json(rows[0]!.before_json)).toEqual({ id: role.id, name: role.name, description: '', is_builtin: false, permission_count: 1 });
  });

  it('answers 409 "Cannot delete a built-in role" and audits the refusal', async () => {
    const admin = await t.cookieFor(['admin']);
    const roleId = await t.fd.services.rbac.roleIdByName('viewer');
    const response = await call('DELETE', `/api/roles/${roleId}`, admin);
    expect([response.statusCode, response.json().detail]).toEqual([409, 'Cannot delete a built-in role']);
    expect((await t.fd.services.rbac.get(roleId)).name).toBe('viewer');
    const rows = await auditRows({ action: 'role.delete', resource: `role:${roleId}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 409]]);
  });

  it('answers 404 "Role not found" for an unknown role', async () => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('DELETE', `/api/roles/${randomUUID()}`, admin);
    expect([response.statusCode, response.json().detail]).toEqual([404, 'Role not found']);
  });
});

describe('POST /api/roles/:role_id/permissions', () => {
  it('adds a permission: 201 PermissionOut, audited', async () => {
    const admin = await signedIn(['admin']);
    const role = await t.makeRole([]);
    const response = await call('POST', `/api/roles/${role.id}/permissions`, admin.cookie, { verb: 'accept', resource_glob: 'key:web-*' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), verb: 'accept', resource_glob: 'key:web-*' });
    expect((await t.fd.services.rbac.get(role.id)).permissions).toEqual([body]);
    const rows = await auditRows({ action: 'role.permission_add', resource: `role:${role.id}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 201 });
    expect(json(rows[0]!.args_json)).toEqual({ verb: 'accept', resource_glob: 'key:web-*' });
  });

  it('answers 409 for a permission the role already has, and audits the refusal', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole(['view:job:*']);
    const response = await call('POST', `/api/roles/${role.id}/permissions`, admin, { verb: 'view', resource_glob: 'job:*' });
    expect([response.statusCode, response.json().detail]).toEqual([409, 'The role already has this permission']);
    expect((await t.fd.services.rbac.get(role.id)).permission_count).toBe(1);
    const rows = await auditRows({ action: 'role.permission_add', resource: `role:${role.id}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['allow', 201], ['deny', 409]]);
  });

  it('answers 409 on a built-in role and leaves its grants alone', async () => {
    const admin = await t.cookieFor(['admin']);
    const roleId = await t.fd.services.rbac.roleIdByName('viewer');
    const before = (await t.fd.services.rbac.get(roleId)).permission_count;
    const response = await call('POST', `/api/roles/${roleId}/permissions`, admin, { verb: 'view', resource_glob: 'user:*' });
    expect([response.statusCode, response.json().detail]).toEqual([409, "Cannot change a built-in role's permissions"]);
    expect((await t.fd.services.rbac.get(roleId)).permission_count).toBe(before);
  });

  it('answers 404 for an unknown role', async () => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('POST', `/api/roles/${randomUUID()}/permissions`, admin, { verb: 'view', resource_glob: 'job:*' });
    expect([response.statusCode, response.json().detail]).toEqual([404, 'Role not found']);
  });

  it.each([
    ['white space in the glob', { verb: 'view', resource_glob: 'key: *' }, ['body', 'resource_glob']],
    ['an empty glob', { verb: 'view', resource_glob: '' }, ['body', 'resource_glob']],
    ['white space in the verb', { verb: 'vi ew', resource_glob: 'key:*' }, ['body', 'verb']],
    ['a verb over 64 characters', { verb: 'v'.repeat(65), resource_glob: 'key:*' }, ['body', 'verb']],
    ['a glob over 255 characters', { verb: 'view', resource_glob: `key:${'k'.repeat(252)}` }, ['body', 'resource_glob']],
  ])('answers 422 naming the field for %s', async (_name, payload, loc) => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const response = await call('POST', `/api/roles/${role.id}/permissions`, admin, payload);
    expect(response.statusCode).toBe(422);
    expect(response.json().detail[0].loc).toEqual(loc);
    expect((await t.fd.services.rbac.get(role.id)).permission_count).toBe(0);
  });

  it('stores a glob with a reversed range, which then matches nothing instead of failing requests', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const added = await call('POST', `/api/roles/${role.id}/permissions`, admin, { verb: 'view', resource_glob: '[z-a]ser:*' });
    expect(added.statusCode).toBe(201);
    const user = await signedIn([role.name]);
    const response = await call('GET', '/api/users', user.cookie);
    expect([response.statusCode, response.json().detail]).toEqual([403, 'Forbidden']);
  });
});

describe('DELETE /api/roles/:role_id/permissions/:permission_id', () => {
  it('removes the permission (204), audited', async () => {
    const admin = await signedIn(['admin']);
    const role = await t.makeRole(['view:job:*', 'view:key:*']);
    const permission = (await t.fd.services.rbac.get(role.id)).permissions.find((p) => p.resource_glob === 'job:*')!;
    const response = await call('DELETE', `/api/roles/${role.id}/permissions/${permission.id}`, admin.cookie);
    expect([response.statusCode, response.body]).toEqual([204, '']);
    expect((await t.fd.services.rbac.get(role.id)).permissions.map(grantText)).toEqual(['view:key:*']);
    const rows = await auditRows({ action: 'role.permission_remove', resource: `role:${role.id}/permission:${permission.id}` });
    expect(rows.map((r) => [r.user_id, r.decision, r.result_code])).toEqual([[admin.id, 'allow', 204]]);
  });

  it('answers 404 "Permission not found on this role" for another role\u2019s permission or an unknown one', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const other = await t.makeRole(['view:job:*']);
    const foreign = (await t.fd.services.rbac.get(other.id)).permissions[0]!;
    for (const permissionId of [foreign.id, randomUUID()]) {
      const response = await call('DELETE', `/api/roles/${role.id}/permissions/${permissionId}`, admin);
      expect([response.statusCode, response.json().detail]).toEqual([404, 'Permission not found on this role']);
    }
    expect((await t.fd.services.rbac.get(other.id)).permission_count).toBe(1);
    const rows = await auditRows({ action: 'role.permission_remove', resource: `role:${role.id}/permission:${foreign.id}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 404]]);
  });

  it('answers 409 on a built-in role', async () => {
    const admin = await t.cookieFor(['admin']);
    const roleId = await t.fd.services.rbac.roleIdByName('viewer');
    const permission = (await t.fd.services.rbac.get(roleId)).permissions[0]!;
    const response = await call('DELETE', `/api/roles/${roleId}/permissions/${permission.id}`, admin);
    expect([response.statusCode, response.json().detail]).toEqual([409, "Cannot change a built-in role's permissions"]);
  });
});

describe('permission changes', () => {
  it('apply on the user\u2019s next request', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const user = await signedIn([role.name]);
    expect((await call('GET', '/api/roles', user.cookie)).statusCode).toBe(403);

    const added = await call('POST', `/api/roles/${role.id}/permissions`, admin, { verb: 'view', resource_glob: 'role:*' });
    expect(added.statusCode).toBe(201);
    expect((await call('GET', '/api/roles', user.cookie)).statusCode).toBe(200);
    expect((await call('GET', '/api/users', user.cookie)).statusCode).toBe(403);

    expect((await call('DELETE', `/api/roles/${role.id}/permissions/${added.json().id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/roles', user.cookie)).statusCode).toBe(403);
  });

  it('end with the role: deleting it takes its grants away at once', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole(['manage_role:role:*', 'view:role:*']);
    const user = await signedIn([role.name]);
    const created = await call('POST', '/api/roles', user.cookie, { name: t.unique('by-custom') });
    expect(created.statusCode).toBe(201);
    expect((await call('DELETE', `/api/roles/${role.id}`, admin)).statusCode).toBe(204);
    expect((await call('POST', '/api/roles', user.cookie, { name: t.unique('by-custom') })).statusCode).toBe(403);
  });
});
