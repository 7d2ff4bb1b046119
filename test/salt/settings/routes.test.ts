import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';

type Simulator = Awaited<ReturnType<typeof startSaltApiSimulator>>;

let t: TestApp;
let sim: Simulator;
let admin: string;

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  sim = await startSaltApiSimulator({ port: 0, minions: 12, offlineMinions: 0 });
  t = await createTestApp();
  admin = await t.cookieFor(['admin']);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const inject = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string | undefined, payload?: object) =>
  t.fd.app.inject({ method, url: `/api/admin/settings${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

describe('/api/admin/settings', () => {
  it('reports what is missing to any signed-in user, and 401 without a session', async () => {
    expect((await inject('GET', '/status', undefined)).statusCode).toBe(401);
    const viewer = await t.cookieFor(['viewer']);
    const status = await inject('GET', '/status', viewer);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ configured: false, missing: ['salt.url', 'salt.username', 'salt.password'] });
  });

  it('lets only edit:settings:* read or change settings', async () => {
    const operator = await t.cookieFor(['operator']);
    expect((await inject('GET', '', operator)).statusCode).toBe(403);
    expect((await inject('PUT', '/pollers', operator, { jobs_poll_interval_seconds: 5 })).statusCode).toBe(403);
    const view = await inject('GET', '', admin);
    expect(view.statusCode).toBe(200);
    expect(view.json().salt).toEqual({ url: null, username: null, password_set: false, verify: true, eauth: 'pam' });
    expect(view.json().pollers.event_stream_enabled).toBe(true);
  });

  it('rejects unknown fields, an empty change, a bad URL and a bad eauth with 422', async () => {
    for (const body of [{ url: 'http://x', colour: 'red' }, {}, { url: 'not a url' }, { eauth: 'kerberos' }]) {
      const response = await inject('PUT', '/salt', admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
    }
    expect((await inject('PUT', '/pollers', admin, { jobs_poll_interval_seconds: -1 })).statusCode).toBe(422);
    expect((await inject('PUT', '/pollers', admin, { event_stream_retention_days: 0 })).statusCode).toBe(422);
  });

  it('tests an unsaved connection: ok with the minion count, or the reason it failed', async () => {
    const good = await inject('POST', '/test-salt', admin, { url: sim.url, username: 'salt', password: 'salt', verify: false, eauth: 'pam' });
    expect(good.json()).toEqual({ ok: true, detail: 'logged in', minion_count: 12 });
    const wrong = await inject('POST', '/test-salt', admin, { url: sim.url, username: 'salt', password: 'nope', verify: false, eauth: 'pam' });
    expect(wrong.json().ok).toBe(false);
    expect(wrong.json().detail).toMatch(/^auth failed: Salt-API error 401/);
    const down = await inject('POST', '/test-salt', admin, { url: `http://127.0.0.1:${await closedPort()}`, username: 'salt', password: 'salt', verify: false, eauth: 'pam' });
    expect(down.json().ok).toBe(false);
    expect(down.json().detail).toMatch(/^auth failed: Salt-API unreachable/);
  });

  it('answers 503 for Salt calls until a connection is saved', async () => {
    expect(() => t.fd.services.salt.client()).toThrow(/not configured/);
    const saved = await inject('POST', '/test-salt-saved', admin);
    expect(saved.json()).toEqual({ ok: false, detail: 'No saved salt-api configuration.' });
  });

  it('saves the connection with the password sealed, audits it redacted, and reconnects without a restart', async () => {
    const response = await inject('PUT', '/salt', admin, { url: `${sim.url}/`, username: 'salt', password: 'salt', verify: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().salt).toEqual({ url: sim.url, username: 'salt', password_set: true, verify: false, eauth: 'pam' });
    expect(response.body).not.toContain('"salt","password"');

    const row = await t.fd.database.db.selectFrom('app_settings').selectAll().where('key', '=', 'salt').executeTakeFirstOrThrow();
    expect(row.value_json).not.toMatch(/"password_sealed":"salt"/);
    expect(JSON.parse(row.value_json).password_sealed).toMatch(/^v1\./);

    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.salt.update').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.args_json!)).toMatchObject({ password: '[REDACTED]', username: 'salt' });

    expect((await inject('GET', '/status', admin)).json()).toEqual({ configured: true, missing: [] });
    expect((await t.fd.services.salt.client().managePresent()).length).toBe(12);
    expect((await inject('POST', '/test-salt-saved', admin)).json()).toMatchObject({ ok: true, minion_count: 12 });
  });

  it('keeps the saved password when a change leaves it out, and merges poller changes', async () => {
    const response = await inject('PUT', '/salt', admin, { eauth: 'auto' });
    expect(response.json().salt).toMatchObject({ password_set: true, eauth: 'auto', url: sim.url });
    const pollers = await inject('PUT', '/pollers', admin, { jobs_poll_interval_seconds: 30 });
    expect(pollers.statusCode).toBe(200);
    expect(pollers.json().pollers).toMatchObject({ jobs_poll_interval_seconds: 30, minion_state_presence_interval_seconds: 60 });
    const widget = await inject('PUT', '/widget', admin, { widget_event_count: 10 });
    expect(widget.json().widget.widget_event_count).toBe(10);
  });

  it('says so when the stored password cannot be decrypted under another secret', async () => {
    const other = await createTestApp({ FLEETDECK_SECRET: 'another-secret-'.padEnd(48, 'y') });
    try {
      const sealed = await t.fd.database.db.selectFrom('app_settings').select('value_json').where('key', '=', 'salt').executeTakeFirstOrThrow();
      await other.fd.database.db.insertInto('app_settings').values({ key: 'salt', value_json: sealed.value_json, updated_at: new Date().toISOString() }).execute();
      const cookie = await other.cookieFor(['admin']);
      const saved = await other.fd.app.inject({ method: 'POST', url: '/api/admin/settings/test-salt-saved', headers: { cookie } });
      expect(saved.json()).toEqual({ ok: false, detail: 'stored secret could not be decrypted (was FLEETDECK_SECRET changed?)' });
    } finally {
      await other.close();
    }
  });
});
