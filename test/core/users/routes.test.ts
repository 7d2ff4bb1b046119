import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

type Method = NonNullable<InjectOptions['method']>;

function call(method: Method, url: string, cookie?: string, payload?: object) {
  return t.fd.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}

/** A fresh signed-in user with the named roles. */
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

function createPayload(username: string, extra: object = {}) {
  return { username, password: 'a-long-password', ...extra };
}

interface Endpoint {
  method: Method;
  path: (userId: string) => string;
  permission: string;
  payload?: object;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: () => '/api/users', permission: 'view:user:*' },
  { method: 'GET', path: (id) => `/api/users/${id}`, permission: 'view:user:*' },
  { method: 'POST', path: () => '/api/users', permission: 'manage_user:user:*', payload: createPayload('someone') },
  { method: 'PATCH', path: (id) => `/api/users/${id}`, permission: 'manage_user:user:*', payload: { display_name: 'x' } },
  { method: 'DELETE', path: (id) => `/api/users/${id}`, permission: 'manage_user:user:*' },
  { method: 'POST', path: (id) => `/api/users/${id}/password`, permission: 'manage_user:user:*', payload: { new_password: 'another-password' } },
  { method: 'GET', path: (id) => `/api/users/${id}/roles`, permission: 'view:user:*' },
  { method: 'POST', path: (id) => `/api/users/${id}/roles`, permission: 'manage_user:user:*', payload: { role_id: randomUUID() } },
  { method: 'DELETE', path: (id) => `/api/users/${id}/roles/${randomUUID()}`, permission: 'manage_user:user:*' },
];

describe.each(ENDPOINTS)('$method $path', ({ method, path, permission, payload }) => {
  it('answers 401 "Not authenticated" without a session cookie', async () => {
    const target = await t.makeUser();
    const response = await call(method, path(target.id), undefined, payload);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ detail: 'Not authenticated', request_id: expect.any(String) });
  });

  it('answers 403 to a viewer and audits the refusal as access.denied', async () => {
    const target = await t.makeUser();
    const viewer = await signedIn(['viewer']);
    const url = path(target.id);
    const response = await call(method, url, viewer.cookie, payload);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
    const rows = await auditRows({ action: 'access.denied', userId: viewer.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: viewer.username, actor_type: 'user', resource: 'user:*', decision: 'deny', result_code: 403 });
    expect(json(rows[0]!.args_json)).toEqual({ permission, method, path: url });
    // Nothing was changed on the target.
    expect((await call('GET', `/api/users/${target.id}`, await t.cookieFor(['admin']))).statusCode).toBe(200);
  });
});

describe('GET /api/users', () => {
  it('lists users ordered by lower-case username, with the total of all users', async () => {
    const admin = await t.cookieFor(['admin']);
    const tag = t.unique('ord').toLowerCase();
    for (const name of [`${tag}-c`, `${tag}-A`, `${tag}-b`]) await t.makeUser({ username: name });
    const response = await call('GET', '/api/users?limit=500', admin);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; users: Array<{ username: string }> };
    const count = await t.fd.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(count.n));
    expect(body.users).toHaveLength(body.total);
    expect(body.users.map((u) => u.username).filter((name) => name.startsWith(tag))).toEqual([`${tag}-A`, `${tag}-b`, `${tag}-c`]);
  });

  it('honours limit and offset and keeps total the count of every user', async () => {
    const admin = await t.cookieFor(['admin']);
    await t.makeUser();
    await t.makeUser();
    const all = (await call('GET', '/api/users?limit=500', admin)).json() as { total: number; users: Array<{ id: string }> };
    const page = await call('GET', '/api/users?limit=2&offset=1', admin);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ total: all.total, users: all.users.slice(1, 3) });
    const beyond = (await call('GET', `/api/users?offset=${all.total}`, admin)).json();
    expect(beyond).toEqual({ total: all.total, users: [] });
  });

  it('defaults to 50 and answers 422 naming limit or offset when out of range', async () => {
    const admin = await t.cookieFor(['admin']);
    for (let i = 0; i < 3; i++) await t.makeUser();
    const defaulted = (await call('GET', '/api/users', admin)).json() as { total: number; users: unknown[] };
    expect(defaulted.users).toHaveLength(Math.min(50, defaulted.total));
    for (const query of ['limit=0', 'limit=501', 'limit=abc']) {
      const response = await call('GET', `/api/users?${query}`, admin);
      expect(response.statusCode).toBe(422);
      expect(response.json().detail[0].loc).toEqual(['query', 'limit']);
    }
    const offset = await call('GET', '/api/users?offset=-1', admin);
    expect([offset.statusCode, offset.json().detail[0].loc]).toEqual([422, ['query', 'offset']]);
  });

  it('is open to an operator (view:*)', async () => {
    const operator = await t.cookieFor(['operator']);
    expect((await call('GET', '/api/users', operator)).statusCode).toBe(200);
  });
});

describe('GET /api/users/:user_id', () => {
  it('returns the UserSummary', async () => {
    const admin = await t.cookieFor(['admin']);
    const user = await t.makeUser();
    const response = await call('GET', `/api/users/${user.id}`, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: user.id, username: user.username, display_name: '', email: null, is_active: true, is_builtin: false,
      must_change_pw: false, created_at: expect.stringMatching(ISO), last_login_at: null,
    });
  });

  it('answers 404 "User not found" and 422 for an id that is not a UUID', async () => {
    const admin = await t.cookieFor(['admin']);
    const missing = await call('GET', `/api/users/${randomUUID()}`, admin);
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'User not found']);
    const bad = await call('GET', '/api/users/not-a-uuid', admin);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0].loc).toEqual(['path', 'user_id']);
  });
});

describe('POST /api/users', () => {
  it('creates the user: 201 with exactly the UserSummary, a hashed password and the roles', async () => {
    const admin = await signedIn(['admin']);
    const roleId = await t.fd.services.rbac.roleIdByName('viewer');
    const username = t.unique('new');
    const response = await call('POST', '/api/users', admin.cookie, createPayload(username, { display_name: 'New Person', email: 'new@example.com', role_ids: [roleId] }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.stringMatching(UUID), username, display_name: 'New Person', email: 'new@example.com',
      is_active: true, is_builtin: false, must_change_pw: true, created_at: expect.stringMatching(ISO), last_login_at: null,
    });
    expect(Object.keys(body).sort()).toEqual(['created_at', 'display_name', 'email', 'id', 'is_active', 'is_builtin', 'last_login_at', 'must_change_pw', 'username']);

    const row = await t.fd.database.db.selectFrom('users').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await call('GET', `/api/users/${body.id}/roles`, admin.cookie)).json()).toEqual([roleId]);
    expect((await call('GET', `/api/users/${body.id}`, admin.cookie)).json()).toEqual(body);
  });

  it('audits the creation with the password redacted', async () => {
    const admin = await signedIn(['admin']);
    const username = t.unique('audited');
    const response = await call('POST', '/api/users', admin.cookie, createPayload(username, { must_change_pw: false }));
    expect(response.statusCode).toBe(201);
    const rows = await auditRows({ action: 'user.create', resource: `user:${username}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, actor: admin.username, decision: 'allow', result_code: 201 });
    expect(json(rows[0]!.args_json)).toEqual({ username, display_name: '', password: '[REDACTED]', must_change_pw: false, role_ids: [] });
    expect(rows[0]!.args_json).not.toContain('a-long-password');
  });

  it('defaults display_name, email, must_change_pw and role_ids', async () => {
    const admin = await t.cookieFor(['admin']);
    const username = t.unique('defaults');
    const response = await call('POST', '/api/users', admin, createPayload(username));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ username, display_name: '', email: null, must_change_pw: true });
    expect((await call('GET', `/api/users/${response.json().id}/roles`, admin)).json()).toEqual([]);
  });

  it('answers 409 "Username already exists" whatever the case, and audits the refusal', async () => {
    const admin = await t.cookieFor(['admin']);
    const username = t.unique('Dup');
    expect((await call('POST', '/api/users', admin, createPayload(username))).statusCode).toBe(201);
    const again = username.toLowerCase();
    const response = await call('POST', '/api/users', admin, createPayload(again));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ detail: 'Username already exists', request_id: expect.any(String) });
    const rows = await auditRows({ action: 'user.create', resource: `user:${again}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 409]]);
    const count = await t.fd.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('username', 'in', [username, again]).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('answers 400 "Unknown role IDs" listing the unknown ones, and creates nothing', async () => {
    const admin = await t.cookieFor(['admin']);
    const known = await t.fd.services.rbac.roleIdByName('viewer');
    const unknown = randomUUID();
    const username = t.unique('badroles');
    const response = await call('POST', '/api/users', admin, createPayload(username, { role_ids: [known, unknown] }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      detail: `Unknown role IDs: ['${unknown}']`,
      fields: [{ field: 'role_ids', message: `Unknown role IDs: ['${unknown}']` }],
      request_id: expect.any(String),
    });
    expect(await t.fd.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined();
    const rows = await auditRows({ action: 'user.create', resource: `user:${username}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 400]]);
  });

  it.each([
    ['a short password', { password: 'short' }, ['body', 'password']],
    ['a bad email', { email: 'not-an-email' }, ['body', 'email']],
    ['a role id that is not a UUID', { role_ids: ['not-a-uuid'] }, ['body', 'role_ids', '0']],
    ['an empty username', { username: '' }, ['body', 'username']],
    ['a username with a colon', { username: 'a:b' }, ['body', 'username']],
  ])('answers 422 naming the field for %s', async (_name, override, loc) => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('POST', '/api/users', admin, { ...createPayload(t.unique('invalid')), ...override });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail[0].loc).toEqual(loc);
  });

  it('answers 422 naming a missing password', async () => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('POST', '/api/users', admin, { username: t.unique('nopw') });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toEqual([{ loc: ['body', 'password'], msg: 'is required', type: 'required' }]);
  });
});

describe('PATCH /api/users/:user_id', () => {
  async function userWithEmail() {
    const admin = await signedIn(['admin']);
    const created = await call('POST', '/api/users', admin.cookie, createPayload(t.unique('patch'), { display_name: 'Before', email: 'before@example.com' }));
    return { admin, user: created.json() as { id: string; username: string } };
  }

  it('changes the given fields, returns the UserSummary and audits before and after', async () => {
    const { admin, user } = await userWithEmail();
    const response = await call('PATCH', `/api/users/${user.id}`, admin.cookie, { display_name: 'After', email: 'after@example.com', is_active: false });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: user.id, display_name: 'After', email: 'after@example.com', is_active: false });
    expect((await call('GET', `/api/users/${user.id}`, admin.cookie)).json()).toEqual(response.json());

    const rows = await auditRows({ action: 'user.update', resource: `user:${user.username}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 200 });
    expect(json(rows[0]!.args_json)).toEqual({ display_name: 'After', email: 'after@example.com', is_active: false });
    expect(json(rows[0]!.before_json)).toMatchObject({ display_name: 'Before', email: 'before@example.com', is_active: true });
    expect(json(rows[0]!.after_json)).toEqual(response.json());
  });

  it('leaves a field unchanged when it is null or missing', async () => {
    const { admin, user } = await userWithEmail();
    const before = (await call('GET', `/api/users/${user.id}`, admin.cookie)).json();
    const nulls = await call('PATCH', `/api/users/${user.id}`, admin.cookie, { display_name: null, email: null, is_active: null });
    expect(nulls.statusCode).toBe(200);
    expect(nulls.json()).toEqual(before);
    const empty = await call('PATCH', `/api/users/${user.id}`, admin.cookie, {});
    expect(empty.json()).toEqual(before);
  });

  it('clears the email when given an empty string', async () => {
    const { admin, user } = await userWithEmail();
    const response = await call('PATCH', `/api/users/${user.id}`, admin.cookie, { email: '' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: null, display_name: 'Before' });
  });

  it('ends a deactivated user\u2019s sessions at once', async () => {
    const admin = await t.cookieFor(['admin']);
    const user = await signedIn(['viewer']);
    expect((await call('GET', '/api/auth/me', user.cookie)).statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${user.id}`, admin, { is_active: false })).statusCode).toBe(200);
    const me = await call('GET', '/api/auth/me', user.cookie);
    expect([me.statusCode, me.json().detail]).toEqual([401, 'Session expired']);
  });

  it('answers 409 "Cannot deactivate yourself"', async () => {
    const admin = await signedIn(['admin']);
    const response = await call('PATCH', `/api/users/${admin.id}`, admin.cookie, { is_active: false });
    expect([response.statusCode, response.json().detail]).toEqual([409, 'Cannot deactivate yourself']);
    expect((await call('GET', '/api/auth/me', admin.cookie)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user and 422 naming a bad email', async () => {
    const { admin, user } = await userWithEmail();
    const unknownId = randomUUID();
    const missing = await call('PATCH', `/api/users/${unknownId}`, admin.cookie, { display_name: 'x' });
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'User not found']);
    expect((await auditRows({ action: 'user.update', resource: `user:${unknownId}` })).map((r) => [r.decision, r.result_code])).toEqual([['deny', 404]]);
    const bad = await call('PATCH', `/api/users/${user.id}`, admin.cookie, { email: 'nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0].loc).toEqual(['body', 'email']);
  });
});

describe('DELETE /api/users/:user_id', () => {
  it('deletes the user (204) and audits it with the user as it was', async () => {
    const admin = await signedIn(['admin']);
    const user = await t.makeUser({ roles: ['viewer'] });
    const response = await call('DELETE', `/api/users/${user.id}`, admin.cookie);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const gone = await call('GET', `/api/users/${user.id}`, admin.cookie);
    expect([gone.statusCode, gone.json().detail]).toEqual([404, 'User not found']);
    expect(await t.fd.database.db.selectFrom('user_roles').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    const rows = await auditRows({ action: 'user.delete', resource: `user:${user.username}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 204 });
    expect(json(rows[0]!.before_json)).toMatchObject({ id: user.id, username: user.username });
  });

  it('answers 409 "Cannot delete yourself" and audits the refusal', async () => {
    const admin = await signedIn(['admin']);
    const response = await call('DELETE', `/api/users/${admin.id}`, admin.cookie);
    expect([response.statusCode, response.json().detail]).toEqual([409, 'Cannot delete yourself']);
    const rows = await auditRows({ action: 'user.delete', resource: `user:${admin.username}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 409]]);
    expect((await call('GET', '/api/auth/me', admin.cookie)).statusCode).toBe(200);
  });

  it('answers 409 "Cannot delete a built-in user" for the bootstrap admin', async () => {
    const admin = await t.cookieFor(['admin']);
    const builtin = await t.fd.database.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(builtin.is_builtin).toBe(1);
    const response = await call('DELETE', `/api/users/${builtin.id}`, admin);
    expect([response.statusCode, response.json().detail]).toEqual([409, 'Cannot delete a built-in user']);
    expect((await call('GET', `/api/users/${builtin.id}`, admin)).statusCode).toBe(200);
  });

  it('answers 404 "User not found" for an unknown user', async () => {
    const admin = await t.cookieFor(['admin']);
    const response = await call('DELETE', `/api/users/${randomUUID()}`, admin);
    expect([response.statusCode, response.json().detail]).toEqual([404, 'User not found']);
  });
});

describe('POST /api/users/:user_id/password', () => {
  it('sets the password (204), ends every session of the user and forces a change by default', async () => {
    const admin = await signedIn(['admin']);
    const user = await t.makeUser();
    const first = await t.login(user.username);
    const second = await t.login(user.username);
    const tokens = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(tokens.statusCode).toBe(200);

    const response = await call('POST', `/api/users/${user.id}/password`, admin.cookie, { new_password: 'reset-by-admin' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    for (const cookie of [first, second]) {
      const me = await call('GET', '/api/auth/me', cookie);
      expect([me.statusCode, me.json().detail]).toEqual([401, 'Session expired']);
    }
    expect(await t.fd.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    const refresh = await t.fd.database.db.selectFrom('refresh_tokens').select('revoked_at').where('user_id', '=', user.id).execute();
    expect(refresh.length).toBeGreaterThan(0);
    expect(refresh.every((r) => r.revoked_at !== null)).toBe(true);

    const login = await t.fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'reset-by-admin' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().must_change_pw).toBe(true);
    expect((await call('GET', '/api/auth/me', admin.cookie)).statusCode).toBe(200);
  });

  it('audits the reset with the new password redacted', async () => {
    const admin = await signedIn(['admin']);
    const user = await t.makeUser();
    const response = await call('POST', `/api/users/${user.id}/password`, admin.cookie, { new_password: 'secret-value-123', must_change_pw: false });
    expect(response.statusCode).toBe(204);
    const rows = await auditRows({ action: 'user.password_reset', resource: `user:${user.username}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: admin.id, decision: 'allow', result_code: 204 });
    expect(json(rows[0]!.args_json)).toEqual({ new_password: '[REDACTED]', must_change_pw: false });
    expect(rows[0]!.args_json).not.toContain('secret-value-123');
    const login = await t.fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'secret-value-123' } });
    expect(login.json().must_change_pw).toBe(false);
  });

  it('answers 404 for an unknown user and 422 naming a short password', async () => {
    const admin = await t.cookieFor(['admin']);
    const missing = await call('POST', `/api/users/${randomUUID()}/password`, admin, { new_password: 'long-enough-pw' });
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'User not found']);
    const user = await t.makeUser();
    const short = await call('POST', `/api/users/${user.id}/password`, admin, { new_password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.json().detail[0].loc).toEqual(['body', 'new_password']);
  });
});

describe('/api/users/:user_id/roles', () => {
  it('lists the role ids of a user, and 404 for an unknown user', async () => {
    const admin = await t.cookieFor(['admin']);
    const user = await t.makeUser({ roles: ['viewer', 'operator'] });
    const ids = await Promise.all(['viewer', 'operator'].map((name) => t.fd.services.rbac.roleIdByName(name)));
    const response = await call('GET', `/api/users/${user.id}/roles`, admin);
    expect(response.statusCode).toBe(200);
    expect((response.json() as string[]).sort()).toEqual(ids.sort());
    const missing = await call('GET', `/api/users/${randomUUID()}/roles`, admin);
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'User not found']);
  });

  it('adds a role with 201, answers 200 when already linked, and audits both', async () => {
    const admin = await signedIn(['admin']);
    const user = await t.makeUser();
    const role = await t.makeRole(['view:user:*']);
    const first = await call('POST', `/api/users/${user.id}/roles`, admin.cookie, { role_id: role.id });
    expect([first.statusCode, first.body]).toEqual([201, '']);
    const second = await call('POST', `/api/users/${user.id}/roles`, admin.cookie, { role_id: role.id });
    expect([second.statusCode, second.body]).toEqual([200, '']);
    expect((await call('GET', `/api/users/${user.id}/roles`, admin.cookie)).json()).toEqual([role.id]);
    const rows = await auditRows({ action: 'user.role_add', resource: `user:${user.username}/role:${role.id}` });
    expect(rows.map((r) => [r.user_id, r.decision, r.result_code])).toEqual([[admin.id, 'allow', 201], [admin.id, 'allow', 200]]);
  });

  it('grants the role\u2019s permissions on the user\u2019s next request', async () => {
    const admin = await t.cookieFor(['admin']);
    const user = await signedIn([]);
    expect((await call('GET', '/api/users', user.cookie)).statusCode).toBe(403);
    const role = await t.makeRole(['view:user:*']);
    expect((await call('POST', `/api/users/${user.id}/roles`, admin, { role_id: role.id })).statusCode).toBe(201);
    expect((await call('GET', '/api/users', user.cookie)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/users/${user.id}/roles/${role.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/users', user.cookie)).statusCode).toBe(403);
  });

  it('answers 400 "Role not found" for an unknown role and audits the refusal', async () => {
    const admin = await t.cookieFor(['admin']);
    const user = await t.makeUser();
    const roleId = randomUUID();
    const response = await call('POST', `/api/users/${user.id}/roles`, admin, { role_id: roleId });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ detail: 'Role not found', fields: [{ field: 'role_id', message: 'Role not found' }], request_id: expect.any(String) });
    const rows = await auditRows({ action: 'user.role_add', resource: `user:${user.username}/role:${roleId}` });
    expect(rows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 400]]);
  });

  it('answers 404 "User not found" when adding a role to an unknown user, and 422 naming a bad role id', async () => {
    const admin = await t.cookieFor(['admin']);
    const role = await t.makeRole([]);
    const missing = await call('POST', `/api/users/${randomUUID()}/roles`, admin, { role_id: role.id });
    expect([missing.statusCode, missing.json().detail]).toEqual([404, 'User not found']);
    const user = await t.makeUser();
    const bad = await call('POST', `/api/users/${user.id}/roles`, admin, { role_id: 'admin' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0].loc).toEqual(['body', 'role_id']);
  });

  it('removes a link with 204 and audits it; a second removal is 404 "Role assignment not found"', async () => {
    const admin = await signedIn(['admin']);
    const role = await t.makeRole([]);
    const user = await t.makeUser({ roles: [role.name] });
    const resource = `user:${user.username}/role:${role.id}`;
    const removed = await call('DELETE', `/api/users/${user.id}/roles/${role.id}`, admin.cookie);
    expect([removed.statusCode, removed.body]).toEqual([204, '']);
    expect((await call('GET', `/api/users/${user.id}/roles`, admin.cookie)).json()).toEqual([]);
    const again = await call('DELETE', `/api/users/${user.id}/roles/${role.id}`, admin.cookie);
    expect([again.statusCode, again.json().detail]).toEqual([404, 'Role assignment not found']);
    const rows = await auditRows({ action: 'user.role_remove', resource });
    expect(rows.map((r) => [r.user_id, r.decision, r.result_code])).toEqual([[admin.id, 'allow', 204], [admin.id, 'deny', 404]]);
  });
});

describe('object scope', () => {
  async function scopedManager() {
    const tag = t.unique('ops').toLowerCase();
    const role = await t.makeRole([`manage_user:user:${tag}-*`, 'view:user:*']);
    const manager = await signedIn([role.name]);
    const ops = await t.makeUser({ username: `${tag}-1` });
    const dev = await t.makeUser({ username: `${tag.replace('ops', 'dev')}-1` });
    return { tag, manager, ops, dev };
  }

  it('lets `manage_user:user:ops-*` update ops-1 but answers 403 on dev-1, audited as a refused user.update', async () => {
    const { manager, ops, dev } = await scopedManager();
    const allowed = await call('PATCH', `/api/users/${ops.id}`, manager.cookie, { display_name: 'Ops One' });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().display_name).toBe('Ops One');

    const refused = await call('PATCH', `/api/users/${dev.id}`, manager.cookie, { display_name: 'Dev One' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
    expect((await t.fd.services.users.get(dev.id)).display_name).toBe('');
    const rows = await auditRows({ action: 'user.update', resource: `user:${dev.username}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: manager.id, decision: 'deny', result_code: 403 });
    expect(json(rows[0]!.args_json)).toEqual({ permission: 'manage_user:user:*' });
  });

  it('scopes create, delete, password reset and role links the same way', async () => {
    const { tag, manager, ops, dev } = await scopedManager();
    const role = await t.makeRole([]);
    const created = await call('POST', '/api/users', manager.cookie, createPayload(`${tag}-2`));
    expect(created.statusCode).toBe(201);
    const refusedCreate = await call('POST', '/api/users', manager.cookie, createPayload(`${tag}x-2`));
    expect(refusedCreate.statusCode).toBe(403);
    const createRows = await auditRows({ action: 'user.create', resource: `user:${tag}x-2` });
    expect(createRows.map((r) => [r.decision, r.result_code])).toEqual([['deny', 403]]);

    const checks: Array<[Method, string, object | undefined, number]> = [
      ['POST', `/api/users/${dev.id}/password`, { new_password: 'another-password' }, 403],
      ['POST', `/api/users/${dev.id}/roles`, { role_id: role.id }, 403],
      ['DELETE', `/api/users/${dev.id}/roles/${role.id}`, undefined, 403],
      ['DELETE', `/api/users/${dev.id}`, undefined, 403],
      ['POST', `/api/users/${ops.id}/password`, { new_password: 'another-password' }, 204],
      ['POST', `/api/users/${ops.id}/roles`, { role_id: role.id }, 201],
      ['DELETE', `/api/users/${ops.id}/roles/${role.id}`, undefined, 204],
      ['DELETE', `/api/users/${ops.id}`, undefined, 204],
    ];
    for (const [method, url, payload, status] of checks) {
      expect([method, url, (await call(method, url, manager.cookie, payload)).statusCode]).toEqual([method, url, status]);
    }
    expect((await t.fd.services.users.get(dev.id)).username).toBe(dev.username);
    const refusals = await t.fd.database.db.selectFrom('audit_log').select('action').where('user_id', '=', manager.id).where('result_code', '=', 403).where('resource', 'like', `user:${dev.username}%`).execute();
    expect(refusals.map((r) => r.action).sort()).toEqual(['user.delete', 'user.password_reset', 'user.role_add', 'user.role_remove']);
  });
});
