import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/rbac/actor.js';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, startSim } from '../minions/harness.js';

let t: TestApp;
let sim: SaltApiSimulator;
let admin: string;
let viewer: string;

type Method = 'GET' | 'POST' | 'DELETE';
const call = (app: TestApp, method: Method, url: string, cookie?: string) =>
  app.fd.app.inject({ method, url: `/api/keys${url}`, headers: cookie ? { cookie } : {} });
const accept = (id: string, cookie: string, app = t) => call(app, 'POST', `/${encodeURIComponent(id)}/accept`, cookie);
const reject = (id: string, cookie: string, app = t) => call(app, 'POST', `/${encodeURIComponent(id)}/reject`, cookie);
const remove = (id: string, cookie: string, app = t) => call(app, 'DELETE', `/${encodeURIComponent(id)}`, cookie);

const snapshot = (id: string) => t.fd.database.db.selectFrom('minion_snapshots').selectAll().where('minion_id', '=', id).executeTakeFirst();
const auditRows = (app: TestApp, action: string, resource: string) =>
  app.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('resource', '=', resource).orderBy('id').execute();
const bucketOf = (id: string) => Object.entries(sim.keys()).find(([, ids]) => (ids as string[]).includes(id))?.[0];

async function cookieWith(app: TestApp, grants: string[]): Promise<string> {
  const role = await app.makeRole(grants);
  const user = await app.makeUser({ roles: [role.name] });
  return app.login(user.username);
}

beforeAll(async () => {
  sim = await startSim();
  t = await createTestApp();
  admin = await t.cookieFor(['admin']);
  viewer = await t.cookieFor(['viewer']);
  // No event stream: whatever the snapshot shows after an action, the action itself wrote.
  await t.fd.app.inject({ method: 'PUT', url: '/api/admin/settings/pollers', headers: { cookie: admin }, payload: { event_stream_enabled: false } });
  await connectSalt(t, sim);
  await t.fd.services.minionState.refreshKeys();
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('GET /api/keys', () => {
  it('answers 401 without a session and 403 without view:key', async () => {
    expect((await call(t, 'GET', '')).statusCode).toBe(401);
    expect((await call(t, 'GET', '', await cookieWith(t, ['view:minion:*']))).statusCode).toBe(403);
  });

  it('lists every key live from the master, sorted by id then status', async () => {
    const response = await call(t, 'GET', '', viewer);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const expected = Object.entries({ minions: 'accepted', minions_pre: 'pending', minions_rejected: 'rejected', minions_denied: 'denied' })
      .flatMap(([bucket, status]) => ((sim.keys()[bucket] as string[]) ?? []).map((id) => ({ id, status })))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(body).toEqual({ total: expected.length, keys: expected });
  });

  it('shows a role scoped to view:key:web-* only those keys', async () => {
    const body = (await call(t, 'GET', '', await cookieWith(t, ['view:key:web-*']))).json();
    expect(body.keys.map((k: { id: string }) => k.id)).toEqual(['web-01', 'web-02']);
  });

  it('brings the minion snapshot in line with the live list', async () => {
    // Stopped first: a running minion whose key is deleted asks again and comes back pending.
    sim.setOnline('clone-01', false);
    await t.fd.services.salt.client().keyDelete('clone-01');
    expect(await snapshot('clone-01')).toBeDefined();
    await call(t, 'GET', '', viewer);
    expect(await snapshot('clone-01')).toBeUndefined();
  });
});

describe('key actions', () => {
  it('accepts a pending key: 204, audited, and the snapshot shows it accepted at once', async () => {
    const response = await accept('new-01', admin);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(bucketOf('new-01')).toBe('minions');
    expect(await snapshot('new-01')).toMatchObject({ key_status: 'accepted' });
    const [row] = await auditRows(t, 'key.accept', 'key:new-01');
    expect(row).toMatchObject({ decision: 'allow', result_code: 204 });
    expect(JSON.parse(row!.after_json!)).toEqual({ keys: [{ id: 'new-01', status: 'accepted' }] });
  });

  it('rejects an accepted key (include_accepted) and deletes a key, each reflected in the snapshot', async () => {
    expect((await reject('web-02', admin)).statusCode).toBe(204);
    expect(bucketOf('web-02')).toBe('minions_rejected');
    expect(await snapshot('web-02')).toMatchObject({ key_status: 'rejected', online: 0 });
    sim.setOnline('rogue-01', false);
    expect((await remove('rogue-01', admin)).statusCode).toBe(204);
    expect(bucketOf('rogue-01')).toBeUndefined();
    expect(await snapshot('rogue-01')).toBeUndefined();
    expect(await auditRows(t, 'key.reject', 'key:web-02')).toMatchObject([{ decision: 'allow', result_code: 204 }]);
    expect(await auditRows(t, 'key.delete', 'key:rogue-01')).toMatchObject([{ decision: 'allow', result_code: 204 }]);
    // Deleting again is a no-op for Salt, and still 204.
    expect((await remove('rogue-01', admin)).statusCode).toBe(204);
  });

  it('answers 401 without a session and 403 (audited) to a role without the verb', async () => {
    expect((await accept('new-02', '')).statusCode).toBe(401);
    expect((await accept('new-02', viewer)).statusCode).toBe(403);
    expect((await remove('new-02', viewer)).statusCode).toBe(403);
    const denied = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', 'key:*').where('decision', '=', 'deny').execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(bucketOf('new-02')).toBe('minions_pre');
  });

  it('holds each action to the key: accept:key:web-* accepts web-01 but gets 403 (audited) on db-01', async () => {
    await reject('web-01', admin);
    await reject('db-01', admin);
    const scoped = await cookieWith(t, ['accept:key:web-*', 'view:key:*']);
    expect((await accept('web-01', scoped)).statusCode).toBe(204);
    expect(bucketOf('web-01')).toBe('minions');
    const refused = await accept('db-01', scoped);
    expect(refused.statusCode).toBe(403);
    expect(bucketOf('db-01')).toBe('minions_rejected');
    expect(await auditRows(t, 'key.accept', 'key:db-01')).toMatchObject([{ decision: 'deny', result_code: 403 }]);
    expect((await reject('web-01', scoped)).statusCode).toBe(403);
    await accept('db-01', admin);
  });

  it('refuses ids holding glob characters with 422 and touches no key', async () => {
    const before = JSON.stringify(sim.keys());
    for (const id of ['new-*', 'new-0?', 'new-0[23]', 'new-02,new-03']) {
      const response = await accept(id, admin);
      expect(response.statusCode, id).toBe(422);
    }
    expect((await remove('*', admin)).statusCode).toBe(422);
    expect(JSON.stringify(sim.keys())).toBe(before);
    // The service refuses a pattern too, for callers other than the HTTP route.
    await expect(t.fd.services.keys.accept(SYSTEM_ACTOR, 'web-*')).rejects.toMatchObject({ status: 422 });
  });

  it('answers 204 for an unknown key and leaves the snapshot alone', async () => {
    expect((await accept('ghost-01', admin)).statusCode).toBe(204);
    expect(await snapshot('ghost-01')).toBeUndefined();
  });
});

describe('Salt failures', () => {
  let other: TestApp;
  let otherAdmin: string;

  beforeAll(async () => {
    other = await createTestApp();
    otherAdmin = await other.cookieFor(['admin']);
  });
  afterAll(async () => {
    await other.close();
  });

  it('answers 503 while Salt-API is not configured, and audits the refused action as 503', async () => {
    const list = await call(other, 'GET', '', otherAdmin);
    expect(list.statusCode).toBe(503);
    expect(list.json().detail).toMatch(/not configured/);
    expect((await accept('new-01', otherAdmin, other)).statusCode).toBe(503);
    expect(await auditRows(other, 'key.accept', 'key:new-01')).toMatchObject([{ decision: 'deny', result_code: 503 }]);
  });

  it('answers 502 with Salt\'s message when Salt-API refuses, and audits the action as 502', async () => {
    await connectSalt(other, sim, 'wrong-password');
    const list = await call(other, 'GET', '', otherAdmin);
    expect(list.statusCode).toBe(502);
    expect(list.json().detail).toMatch(/^Salt-API error 401/);
    expect((await remove('new-03', otherAdmin, other)).statusCode).toBe(502);
    expect(await auditRows(other, 'key.delete', 'key:new-03')).toMatchObject([{ decision: 'deny', result_code: 502 }]);
    expect(bucketOf('new-03')).toBe('minions_pre');
  });
});
