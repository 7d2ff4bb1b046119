import type { Insertable, Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditService } from '../../../src/core/audit/service.js';
import type { AuditLogTable } from '../../../src/core/db/tables.js';
import { SYSTEM_ACTOR, type Actor } from '../../../src/core/rbac/actor.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.fd.database.db;

function get(url: string, headers: Record<string, string> = {}) {
  return t.fd.app.inject({ method: 'GET', url, headers });
}

async function signedIn(roles: string[]) {
  const user = await t.makeUser({ roles });
  return { ...user, cookie: await t.login(user.username) };
}

/** Three rows of a fresh action, one second apart from `2001-02-03T04:05:06.000Z`, by a fresh actor. */
async function timedRows() {
  const action = t.unique('test.timed');
  const actor: Actor = { ...SYSTEM_ACTOR, name: t.unique('clocked') };
  const times = ['2001-02-03T04:05:06.000Z', '2001-02-03T04:05:07.000Z', '2001-02-03T04:05:08.000Z'];
  for (const [i, at] of times.entries()) {
    const clocked = auditService({ db: db(), clock: () => new Date(at) });
    await clocked.recordAlone(actor, { action, resource: `thing:${i}`, decision: i === 1 ? 'deny' : 'allow', resultCode: i === 1 ? 403 : 200 });
  }
  const rows = await db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
  return { action, actor, times, rows };
}

const ENTRY_KEYS = ['action', 'actor', 'args_json', 'at', 'decision', 'duration_ms', 'id', 'resource', 'result_code', 'salt_jid', 'user_id'];
const RECORD_KEYS = ['action', 'actor', 'actor_type', 'after', 'args', 'at', 'before', 'decision', 'hash', 'id', 'ip', 'request_id', 'resource', 'result_code', 'user_id'];

describe('GET /api/audit', () => {
  it('answers 401 without a session and 403 to a viewer, auditing the refusal', async () => {
    const none = await get('/api/audit');
    expect([none.statusCode, none.json().detail]).toEqual([401, 'Not authenticated']);
    const viewer = await signedIn(['viewer']);
    const refused = await get('/api/audit', { cookie: viewer.cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
    const rows = await db().selectFrom('audit_log').selectAll().where('user_id', '=', viewer.id).where('action', '=', 'access.denied').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resource: 'audit:*', decision: 'deny', result_code: 403 });
    expect(JSON.parse(rows[0]!.args_json!)).toEqual({ permission: 'view:audit:*', method: 'GET', path: '/api/audit' });
  });

  it('lists a user\u2019s rows newest first, with the redacted arguments parsed', async () => {
    const admin = await signedIn(['admin']);
    const first = t.unique('role');
    const second = t.unique('role');
    for (const name of [first, second]) {
      const created = await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: admin.cookie }, payload: { name } });
      expect(created.statusCode).toBe(201);
    }
    const response = await get(`/api/audit?user_id=${admin.id}`, { cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; entries: Array<Record<string, unknown>> };
    expect(body.total).toBe(3);
    expect(body.entries.map((e) => [e.action, e.resource])).toEqual([
      ['role.create', `role:${second}`], ['role.create', `role:${first}`], ['auth.login', `user:${admin.username}`],
    ]);
    expect(Object.keys(body.entries[0]!).sort()).toEqual(ENTRY_KEYS);
    expect(body.entries[0]).toMatchObject({
      user_id: admin.id, actor: admin.username, args_json: { name: second, description: '' }, salt_jid: null, decision: 'allow', result_code: 201,
    });
    expect(body.entries[2]!.args_json).toEqual({ username: admin.username });
    const ids = body.entries.map((e) => e.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('filters by exact action and by decision', async () => {
    const admin = await signedIn(['admin']);
    const name = t.unique('role');
    for (let i = 0; i < 2; i++) await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: admin.cookie }, payload: { name } });
    const base = `/api/audit?user_id=${admin.id}`;
    const creates = (await get(`${base}&action=role.create`, { cookie: admin.cookie })).json();
    expect(creates.total).toBe(2);
    expect(creates.entries.map((e: { decision: string }) => e.decision)).toEqual(['deny', 'allow']);
    expect((await get(`${base}&action=role.cre`, { cookie: admin.cookie })).json()).toEqual({ total: 0, entries: [] });
    const denied = (await get(`${base}&decision=deny`, { cookie: admin.cookie })).json();
    expect([denied.total, denied.entries[0].action, denied.entries[0].result_code]).toEqual([1, 'role.create', 409]);
    const allowed = (await get(`${base}&decision=allow`, { cookie: admin.cookie })).json();
    expect(allowed.entries.map((e: { action: string }) => e.action)).toEqual(['role.create', 'auth.login']);
  });

  it('filters by since (inclusive) and until (exclusive)', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { action, times, rows } = await timedRows();
    const resources = async (query: string) => {
      const body = (await get(`/api/audit?action=${action}&${query}`, { cookie })).json() as { total: number; entries: Array<{ resource: string }> };
      return [body.total, body.entries.map((e) => e.resource)];
    };
    expect(rows.map((r) => r.at)).toEqual(times);
    expect(await resources('')).toEqual([3, ['thing:2', 'thing:1', 'thing:0']]);
    expect(await resources(`since=${times[1]}`)).toEqual([2, ['thing:2', 'thing:1']]);
    expect(await resources(`until=${times[1]}`)).toEqual([1, ['thing:0']]);
    expect(await resources(`since=${times[0]}&until=${times[2]}`)).toEqual([2, ['thing:1', 'thing:0']]);
  });

  it('compares since and until as instants, whatever their written form', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { action } = await timedRows();
    const total = async (query: string) => (await get(`/api/audit?action=${action}&${query}`, { cookie })).json().total;
    expect(await total('since=2001-02-03T04:05:07Z')).toBe(2);
    expect(await total('since=2001-02-03T05:05:07%2B01:00')).toBe(2);
    expect(await total('until=2001-02-03T04:05:07Z')).toBe(1);
    expect(await total('until=2001-02-03T03:05:07.000-01:00')).toBe(1);
    expect(await total('since=2001-02-03T04:05:06.500Z')).toBe(2);
    expect(await total('since=2001-02-03T04:05:07.000000%2B00:00')).toBe(2);
    const leap = await get(`/api/audit?action=${action}&until=2016-12-31T23:59:60Z`, { cookie });
    expect([leap.statusCode, leap.json().total]).toEqual([200, 3]);
  });

  it('honours limit and offset, keeping total the count of every matching row', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { action } = await timedRows();
    const page = (await get(`/api/audit?action=${action}&limit=1&offset=1`, { cookie })).json();
    expect([page.total, page.entries.map((e: { resource: string }) => e.resource)]).toEqual([3, ['thing:1']]);
    const all = (await get('/api/audit?limit=500', { cookie })).json();
    const count = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(all.total).toBe(Number(count.n));
    const defaulted = (await get('/api/audit', { cookie })).json();
    expect(defaulted.entries).toHaveLength(Math.min(50, defaulted.total));
    expect(defaulted.entries).toEqual(all.entries.slice(0, defaulted.entries.length));
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['user_id=not-a-uuid', 'user_id'],
    ['decision=maybe', 'decision'],
    ['since=yesterday', 'since'],
  ])('answers 422 naming the query field for %s', async (query, field) => {
    const cookie = await t.cookieFor(['admin']);
    const response = await get(`/api/audit?${query}`, { cookie });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail[0].loc).toEqual(['query', field]);
  });
});

describe('GET /api/v1/audit', () => {
  it('answers 401 and 403 with the plant error envelope', async () => {
    const none = await get('/api/v1/audit');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: 'unauthenticated', message: 'Not authenticated', details: [] }, request_id: expect.any(String) });
    const viewer = await signedIn(['viewer']);
    const refused = await get('/api/v1/audit', { cookie: viewer.cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: { code: 'forbidden', message: 'Forbidden', details: [] }, request_id: expect.any(String) });
    const rows = await db().selectFrom('audit_log').selectAll().where('user_id', '=', viewer.id).where('action', '=', 'access.denied').execute();
    expect(rows.map((r) => [r.resource, r.decision, r.result_code])).toEqual([['audit:*', 'deny', 403]]);
  });

  it('pages with the envelope {items, total, page, page_size, total_pages}, newest first', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { action, rows } = await timedRows();
    const first = await get(`/api/v1/audit?action=${action}&page_size=2`, { cookie });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(Object.keys(body).sort()).toEqual(['items', 'page', 'page_size', 'total', 'total_pages']);
    expect(body).toMatchObject({ total: 3, page: 1, page_size: 2, total_pages: 2 });
    expect(body.items.map((i: { id: number }) => i.id)).toEqual([rows[2]!.id, rows[1]!.id]);
    expect(Object.keys(body.items[0]).sort()).toEqual(RECORD_KEYS);
    expect(body.items[0]).toEqual({
      id: rows[2]!.id, at: '2001-02-03T04:05:08.000Z', actor: rows[2]!.actor, actor_type: 'system', user_id: null, action,
      resource: 'thing:2', args: null, before: null, after: null, decision: 'allow', result_code: 200, request_id: null, ip: null, hash: rows[2]!.hash,
    });
    const second = (await get(`/api/v1/audit?action=${action}&page_size=2&page=2`, { cookie })).json();
    expect(second).toMatchObject({ total: 3, page: 2, page_size: 2, total_pages: 2 });
    expect(second.items.map((i: { id: number }) => i.id)).toEqual([rows[0]!.id]);
    const past = (await get(`/api/v1/audit?action=${action}&page_size=2&page=3`, { cookie })).json();
    expect(past).toEqual({ items: [], total: 3, page: 3, page_size: 2, total_pages: 2 });
  });

  it('defaults to page 1 of 20', async () => {
    const cookie = await t.cookieFor(['admin']);
    const body = (await get('/api/v1/audit', { cookie })).json();
    expect(body).toMatchObject({ page: 1, page_size: 20 });
    expect(body.items).toHaveLength(Math.min(20, body.total));
    expect(body.total_pages).toBe(Math.ceil(body.total / 20));
  });

  it('filters by actor, action, resource, from (inclusive) and to (exclusive)', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { action, actor, times } = await timedRows();
    const resources = async (query: string) => {
      const body = (await get(`/api/v1/audit?${query}`, { cookie })).json() as { total: number; items: Array<{ resource: string }> };
      return [body.total, body.items.map((i) => i.resource)];
    };
    expect(await resources(`actor=${actor.name}`)).toEqual([3, ['thing:2', 'thing:1', 'thing:0']]);
    expect(await resources(`actor=${actor.name}&resource=thing:1`)).toEqual([1, ['thing:1']]);
    expect(await resources(`action=${action}&resource=thing:9`)).toEqual([0, []]);
    expect(await resources(`action=${action}&from=${times[1]}`)).toEqual([2, ['thing:2', 'thing:1']]);
    expect(await resources(`action=${action}&to=${times[1]}`)).toEqual([1, ['thing:0']]);
    expect(await resources(`action=${action}&from=${times[1]}&to=${times[2]}`)).toEqual([1, ['thing:1']]);
    expect(await resources(`action=${action}&from=2001-02-03T04:05:07Z`)).toEqual([2, ['thing:2', 'thing:1']]);
    expect(await resources(`action=${action}&decision=deny`)).toEqual([1, ['thing:1']]);
  });

  it('shows who acted through a bearer token, with request id and IP', async () => {
    const bearer = await t.bearerFor(['admin']);
    const name = t.unique('role');
    const requestId = t.unique('req');
    const created = await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { authorization: bearer, 'x-request-id': requestId }, payload: { name } });
    expect(created.statusCode).toBe(201);
    const body = (await get(`/api/v1/audit?resource=role:${name}`, { authorization: bearer })).json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      action: 'role.create', actor_type: 'user', args: { name, description: '' }, before: null,
      after: null, decision: 'allow', result_code: 201, request_id: requestId, ip: '127.0.0.1',
    });
  });

  it('answers 400 naming page_size for page_size=101', async () => {
    const cookie = await t.cookieFor(['admin']);
    const response = await get('/api/v1/audit?page_size=101', { cookie });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'validation_error', message: 'Invalid query: page_size must be <= 100', details: [{ field: 'page_size', message: 'must be <= 100' }] },
      request_id: expect.any(String),
    });
  });

  it('answers 400 naming page for page=0 and from for a bad date', async () => {
    const cookie = await t.cookieFor(['admin']);
    const page = await get('/api/v1/audit?page=0', { cookie });
    expect([page.statusCode, page.json().error.details[0].field]).toEqual([400, 'page']);
    const from = await get('/api/v1/audit?from=soon', { cookie });
    expect([from.statusCode, from.json().error.details[0].field]).toEqual([400, 'from']);
  });
});

type AuditRow = Selectable<AuditLogTable>;

describe('GET /api/v1/audit/verify', () => {
  async function verify(cookie: string) {
    const response = await get('/api/v1/audit/verify', { cookie });
    expect(response.statusCode).toBe(200);
    return response.json() as { ok: boolean; checked: number; first_bad_id: number | null; head_hash: string };
  }

  async function restore(row: AuditRow) {
    const existing = await db().selectFrom('audit_log').select('id').where('id', '=', row.id).executeTakeFirst();
    if (existing) await db().updateTable('audit_log').set(row).where('id', '=', row.id).execute();
    else await db().insertInto('audit_log').values(row as Insertable<AuditLogTable>).execute();
  }

  it('answers 401 without a session and 403 to a viewer', async () => {
    expect((await get('/api/v1/audit/verify')).statusCode).toBe(401);
    const viewer = await t.cookieFor(['viewer']);
    expect((await get('/api/v1/audit/verify', { cookie: viewer })).statusCode).toBe(403);
  });

  it('reports ok for the untouched trail', async () => {
    const cookie = await t.cookieFor(['admin']);
    const count = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const last = await db().selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(await verify(cookie)).toEqual({ ok: true, checked: Number(count.n), first_bad_id: null, head_hash: last.hash });
  });

  it('finds a row whose resource was changed in the database', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { rows } = await timedRows();
    const target = rows[1]!;
    try {
      await db().updateTable('audit_log').set({ resource: 'thing:rewritten' }).where('id', '=', target.id).execute();
      expect(await verify(cookie)).toMatchObject({ ok: false, first_bad_id: target.id, head_hash: rows[0]!.hash });
    } finally {
      await restore(target);
    }
    expect(await verify(cookie)).toMatchObject({ ok: true, first_bad_id: null });
  });

  it('finds a deleted last row', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { rows } = await timedRows();
    const last = rows[2]!;
    expect((await db().selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id).toBe(last.id);
    try {
      await db().deleteFrom('audit_log').where('id', '=', last.id).execute();
      expect(await verify(cookie)).toMatchObject({ ok: false, first_bad_id: last.id, head_hash: rows[1]!.hash });
    } finally {
      await restore(last);
    }
    expect(await verify(cookie)).toMatchObject({ ok: true });
  });

  it('finds a row inserted into the trail', async () => {
    const cookie = await t.cookieFor(['admin']);
    const { rows } = await timedRows();
    const { id: _id, ...copy } = rows[2]!;
    const inserted = await db().insertInto('audit_log').values({ ...copy, resource: 'thing:injected' }).returning('id').executeTakeFirstOrThrow();
    try {
      expect(await verify(cookie)).toMatchObject({ ok: false, first_bad_id: inserted.id });
    } finally {
      await db().deleteFrom('audit_log').where('id', '=', inserted.id).execute();
    }
    expect(await verify(cookie)).toMatchObject({ ok: true });
  });
});
