import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/core/auth/keys.js';
import { SYSTEM_ACTOR } from '../../../src/core/rbac/actor.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BASE = '/api/v1/settings/api-keys';
const KEY_FORMAT = /^fdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

interface ApiKeyCreated {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  site_ids: string[] | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  key: string;
}

const createKey = (auth: string, payload: Record<string, unknown>, url = BASE) =>
  t.fd.app.inject({ method: 'POST', url, headers: { authorization: auth }, payload });

async function makeKey(permissions: string[], extra: Record<string, unknown> = {}): Promise<ApiKeyCreated> {
  const admin = await t.bearerFor(['admin']);
  const response = await createKey(admin, { name: t.unique('key'), permissions, ...extra });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const withKey = (key: string, url: string) => t.fd.app.inject({ url, headers: { 'x-api-key': key } });

const v1Error = (code: string, message: string, details: Array<{ field: string; message: string }> = []) => ({
  error: { code, message, details },
  request_id: expect.any(String),
});

describe('POST /api/v1/settings/api-keys', () => {
  it('creates a key: 201, Location, the secret shown once, its prefix visible', async () => {
    const admin = await t.makeUser({ roles: ['admin'] });
    const bearer = await bearerOf(admin.username);
    const name = t.unique('gateway');
    const siteId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
    const response = await createKey(bearer, { name, permissions: ['ingest:reading:*', 'ingest:reading:*', 'view:machine:*'], site_ids: [siteId], expires_at: '2999-01-01T00:00:00.000Z' });
    expect(response.statusCode).toBe(201);
    const body: ApiKeyCreated = response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), name, prefix: expect.stringMatching(/^fdk_[0-9a-f]{12}$/),
      permissions: ['ingest:reading:*', 'view:machine:*'], site_ids: [siteId], created_by: admin.id,
      created_at: expect.stringMatching(/Z$/), expires_at: '2999-01-01T00:00:00.000Z', last_used_at: null, revoked_at: null,
      key: expect.stringMatching(KEY_FORMAT),
    });
    expect(body.key.startsWith(`${body.prefix}_`)).toBe(true);
    expect(response.headers.location).toBe(`${BASE}/${body.id}`);
    const location = await t.fd.app.inject({ url: response.headers.location as string, headers: { authorization: bearer } });
    expect(location.statusCode).toBe(200);
    expect(location.json().id).toBe(body.id);
  });

  it('answers a Location without the request\u2019s query string', async () => {
    const admin = await t.bearerFor(['admin']);
    const response = await createKey(admin, { name: t.unique('key'), permissions: ['view:audit:*'] }, `${BASE}?source=test`);
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`${BASE}/${response.json().id}`);
  });

  it('stores only a hash of the secret, never the secret', async () => {
    const created = await makeKey(['ingest:reading:*']);
    const [, prefix, secret] = KEY_FORMAT.exec(created.key) as unknown as [string, string, string];
    const row = await t.fd.database.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.prefix).toBe(prefix);
    expect(row.key_hash).toBe(sha256(secret));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(created.key);
  });

  it('normalizes expires_at to UTC with Z', async () => {
    const created = await makeKey(['view:audit:*'], { expires_at: '2999-01-01T05:00:00+05:00' });
    expect(created.expires_at).toBe('2999-01-01T00:00:00.000Z');
    const row = await t.fd.database.db.selectFrom('api_keys').select('expires_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBe('2999-01-01T00:00:00.000Z');
  });

  it('answers 422 for an expires_at in the past, also when written with an offset', async () => {
    const admin = await t.bearerFor(['admin']);
    const past = await createKey(admin, { name: t.unique('key'), permissions: ['view:audit:*'], expires_at: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toEqual(v1Error('unprocessable', 'expires_at: must be in the future', [{ field: 'expires_at', message: 'must be in the future' }]));
    // Ten minutes ago in UTC, written as local time 14 hours ahead: later as text, earlier in time.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000 + 14 * 3_600_000).toISOString().slice(0, 19);
    const offset = await createKey(admin, { name: t.unique('key'), permissions: ['view:audit:*'], expires_at: `${tenMinutesAgo}+14:00` });
    expect(offset.statusCode).toBe(422);
  });

  it('answers 400 naming a malformed permission', async () => {
    const admin = await t.bearerFor(['admin']);
    const response = await createKey(admin, { name: t.unique('key'), permissions: ['no-colon-here'] });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_error');
    expect(body.error.details).toEqual([{ field: 'permissions.0', message: expect.stringContaining('pattern') }]);
    const second = await createKey(admin, { name: t.unique('key'), permissions: ['view:audit:*', 'has space:x'] });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details[0].field).toBe('permissions.1');
  });

  it('answers 400 naming a missing name, an empty permission list, a malformed site id', async () => {
    const admin = await t.bearerFor(['admin']);
    const noName = await createKey(admin, { permissions: ['view:audit:*'] });
    expect([noName.statusCode, noName.json().error.details]).toEqual([400, [{ field: 'name', message: 'is required' }]]);
    const empty = await createKey(admin, { name: t.unique('key'), permissions: [] });
    expect([empty.statusCode, empty.json().error.details[0].field]).toEqual([400, 'permissions']);
    const site = await createKey(admin, { name: t.unique('key'), permissions: ['view:audit:*'], site_ids: ['not-a-uuid'] });
    expect([site.statusCode, site.json().error.details[0].field]).toEqual([400, 'site_ids.0']);
  });

  it('answers 401 without credentials and 403 without manage:api_key', async () => {
    const none = await t.fd.app.inject({ method: 'POST', url: BASE, payload: { name: 'x', permissions: ['view:audit:*'] } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual(v1Error('unauthenticated', 'Not authenticated'));
    const viewer = await t.bearerFor(['viewer']);
    const refused = await createKey(viewer, { name: t.unique('key'), permissions: ['view:audit:*'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual(v1Error('forbidden', 'Forbidden'));
    const denied = await t.fd.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', refused.headers['x-request-id'] as string).execute();
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'access.denied', decision: 'deny', result_code: 403, resource: 'api_key:*' });
  });

  it('is audited as api_key.create without the secret', async () => {
    const admin = await t.makeUser({ roles: ['admin'] });
    const response = await createKey(await bearerOf(admin.username), { name: t.unique('key'), permissions: ['ingest:reading:*'] });
    expect(response.statusCode).toBe(201);
    const created: ApiKeyCreated = response.json();
    const rows = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', `api_key:${created.id}`).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'api_key.create', decision: 'allow', result_code: 201, user_id: admin.id, actor: admin.username, actor_type: 'user',
      request_id: response.headers['x-request-id'],
    });
    expect(JSON.parse(rows[0]!.args_json!)).toMatchObject({ name: created.name, permissions: ['ingest:reading:*'] });
    const secret = (KEY_FORMAT.exec(created.key) as RegExpExecArray)[2] as string;
    expect(JSON.stringify(rows[0])).not.toContain(secret);
  });
});

describe('GET /api/v1/settings/api-keys', () => {
  it('lists keys in the page envelope, without secrets', async () => {
    const created = await makeKey(['view:audit:*']);
    const admin = await t.bearerFor(['admin']);
    const response = await t.fd.app.inject({ url: `${BASE}?page_size=100`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ items: expect.any(Array), total: expect.any(Number), page: 1, page_size: 100, total_pages: Math.ceil(body.total / 100) });
    expect(body.total).toBeGreaterThanOrEqual(1);
    const item = body.items.find((i: { id: string }) => i.id === created.id);
    const { key, ...view } = created;
    expect(item).toEqual(view);
    expect(JSON.stringify(body)).not.toContain(key);
    for (const each of body.items) expect(each).not.toHaveProperty('key');
  });

  it('pages with page and page_size', async () => {
    await makeKey(['view:audit:*']);
    await makeKey(['view:audit:*']);
    const admin = await t.bearerFor(['admin']);
    const first = (await t.fd.app.inject({ url: `${BASE}?page=1&page_size=1`, headers: { authorization: admin } })).json();
    const second = (await t.fd.app.inject({ url: `${BASE}?page=2&page_size=1`, headers: { authorization: admin } })).json();
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(first.items[0].id).not.toBe(second.items[0].id);
    expect([first.page, first.page_size, first.total_pages]).toEqual([1, 1, first.total]);
    expect(second.page).toBe(2);
  });

  it('answers 400 naming page_size outside 1..100 and page below 1', async () => {
    const admin = await t.bearerFor(['admin']);
    const big = await t.fd.app.inject({ url: `${BASE}?page_size=101`, headers: { authorization: admin } });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toEqual(v1Error('validation_error', 'Invalid query: page_size must be <= 100', [{ field: 'page_size', message: 'must be <= 100' }]));
    const zero = await t.fd.app.inject({ url: `${BASE}?page=0`, headers: { authorization: admin } });
    expect([zero.statusCode, zero.json().error.details[0].field]).toEqual([400, 'page']);
  });

  it('answers 401 without credentials and 403 for a viewer', async () => {
    expect((await t.fd.app.inject({ url: BASE })).statusCode).toBe(401);
    const viewer = await t.bearerFor(['viewer']);
    const refused = await t.fd.app.inject({ url: BASE, headers: { authorization: viewer } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual(v1Error('forbidden', 'Forbidden'));
  });
});

describe('GET /api/v1/settings/api-keys/:id', () => {
  it('returns the key without its secret', async () => {
    const created = await makeKey(['view:audit:*']);
    const admin = await t.bearerFor(['admin']);
    const response = await t.fd.app.inject({ url: `${BASE}/${created.id}`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    const { key, ...view } = created;
    expect(response.json()).toEqual(view);
    expect(response.body).not.toContain(key);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const admin = await t.bearerFor(['admin']);
    const unknown = await t.fd.app.inject({ url: `${BASE}/0b7c1f9e-2d3a-4e5f-8a9b-1c2d3e4f5a6b`, headers: { authorization: admin } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(v1Error('not_found', 'API key not found'));
    const malformed = await t.fd.app.inject({ url: `${BASE}/nope`, headers: { authorization: admin } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].field).toBe('id');
  });
});

describe('DELETE /api/v1/settings/api-keys/:id', () => {
  it('revokes: 204, the key then answers 401, and the revocation is audited without the secret', async () => {
    const created = await makeKey(['view:audit:*']);
    expect((await withKey(created.key, '/api/v1/auth/me')).statusCode).toBe(200);
    const admin = await t.makeUser({ roles: ['admin'] });
    const bearer = await bearerOf(admin.username);
    const response = await t.fd.app.inject({ method: 'DELETE', url: `${BASE}/${created.id}`, headers: { authorization: bearer } });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    const refused = await withKey(created.key, '/api/v1/auth/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual(v1Error('unauthenticated', 'Invalid API key'));
    const view = (await t.fd.app.inject({ url: `${BASE}/${created.id}`, headers: { authorization: bearer } })).json();
    expect(view.revoked_at).toEqual(expect.stringMatching(/Z$/));

    const rows = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', `api_key:${created.id}`).where('action', '=', 'api_key.revoke').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: 'allow', result_code: 204, user_id: admin.id, request_id: response.headers['x-request-id'] });
    expect(JSON.parse(rows[0]!.before_json!)).toMatchObject({ id: created.id, prefix: created.prefix, revoked_at: null });
    expect(JSON.stringify(rows[0])).not.toContain((KEY_FORMAT.exec(created.key) as RegExpExecArray)[2]);
  });

  it('answers 404 for an unknown key, 401 without credentials, 403 for a viewer', async () => {
    const created = await makeKey(['view:audit:*']);
    const admin = await t.bearerFor(['admin']);
    const unknown = await t.fd.app.inject({ method: 'DELETE', url: `${BASE}/0b7c1f9e-2d3a-4e5f-8a9b-1c2d3e4f5a6c`, headers: { authorization: admin } });
    expect(unknown.statusCode).toBe(404);
    expect((await t.fd.app.inject({ method: 'DELETE', url: `${BASE}/${created.id}` })).statusCode).toBe(401);
    const viewer = await t.bearerFor(['viewer']);
    expect((await t.fd.app.inject({ method: 'DELETE', url: `${BASE}/${created.id}`, headers: { authorization: viewer } })).statusCode).toBe(403);
    expect((await withKey(created.key, '/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('X-API-Key authentication', () => {
  it('authenticates as the key, acting for its creator, and keeps last_used_at', async () => {
    const creator = await t.makeUser({ roles: ['admin'] });
    const response = await createKey(await bearerOf(creator.username), { name: t.unique('edge'), permissions: ['ingest:reading:*'] });
    const created: ApiKeyCreated = response.json();
    const me = await withKey(created.key, '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ kind: 'api_key', id: created.id, name: created.name, user_id: creator.id, must_change_pw: false, permissions: ['ingest:reading:*'] });
    const row = await t.fd.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(Date.now() - new Date(row.last_used_at!).getTime()).toBeLessThan(60_000);
  });

  it('answers 401 for a malformed key, an unknown prefix and a wrong secret behind a real prefix', async () => {
    const created = await makeKey(['view:audit:*']);
    for (const presented of ['garbage', `fdk_000000000000_${'a'.repeat(43)}`, `${created.prefix}_${'b'.repeat(43)}`, `${created.key}x`]) {
      const response = await withKey(presented, '/api/v1/auth/me');
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual(v1Error('unauthenticated', 'Invalid API key'));
    }
  });

  it('answers 401 once the key has expired', async () => {
    const created = await makeKey(['view:audit:*'], { expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await withKey(created.key, '/api/v1/audit')).statusCode).toBe(200);
    await t.fd.database.db.updateTable('api_keys').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', created.id).execute();
    const response = await withKey(created.key, '/api/v1/audit');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(v1Error('unauthenticated', 'Invalid API key'));
  });

  it('grants only the key\u2019s permissions: view:audit:* reads the audit trail but not the users', async () => {
    const created = await makeKey(['view:audit:*']);
    const audit = await withKey(created.key, '/api/v1/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({ page: 1, page_size: 20, items: expect.any(Array) });
    const users = await withKey(created.key, '/api/users');
    expect(users.statusCode).toBe(403);
    expect(users.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
    const denied = await t.fd.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', users.headers['x-request-id'] as string).execute();
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'access.denied', actor_type: 'api_key', actor: created.name, decision: 'deny', result_code: 403 });
    expect((await withKey(created.key, BASE)).statusCode).toBe(403);
  });

  it('never exceeds its creator: a *:* key of a viewer cannot read the audit trail', async () => {
    const viewer = await t.makeUser({ roles: ['viewer'] });
    const created = await t.fd.services.apiKeys.create({ ...SYSTEM_ACTOR, userId: viewer.id }, { name: t.unique('wide'), permissions: ['*:*'] });
    expect((await withKey(created.key, '/api/v1/auth/me')).statusCode).toBe(200);
    const response = await withKey(created.key, '/api/v1/audit');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual(v1Error('forbidden', 'Forbidden'));
    expect((await withKey(created.key, '/api/users')).statusCode).toBe(403);
  });

  it('follows its creator\u2019s roles: a key stops reading the audit trail when the creator loses the right', async () => {
    const creator = await t.makeUser({ roles: ['manager'] });
    const created = await t.fd.services.apiKeys.create({ ...SYSTEM_ACTOR, userId: creator.id }, { name: t.unique('key'), permissions: ['view:audit:*'] });
    expect((await withKey(created.key, '/api/v1/audit')).statusCode).toBe(200);
    await t.fd.database.db.deleteFrom('user_roles').where('user_id', '=', creator.id).execute();
    expect((await withKey(created.key, '/api/v1/audit')).statusCode).toBe(403);
  });

  it('answers 401 when the creator is deactivated', async () => {
    const creator = await t.makeUser({ roles: ['admin'] });
    const response = await createKey(await bearerOf(creator.username), { name: t.unique('key'), permissions: ['view:audit:*'] });
    const created: ApiKeyCreated = response.json();
    expect((await withKey(created.key, '/api/v1/audit')).statusCode).toBe(200);
    const admin = await t.cookieFor(['admin']);
    const patched = await t.fd.app.inject({ method: 'PATCH', url: `/api/users/${creator.id}`, headers: { cookie: admin }, payload: { is_active: false } });
    expect(patched.statusCode).toBe(200);
    const refused = await withKey(created.key, '/api/v1/audit');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual(v1Error('unauthenticated', 'Invalid API key'));
  });
});

async function bearerOf(username: string): Promise<string> {
  const response = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  return `Bearer ${response.json().access_token}`;
}
