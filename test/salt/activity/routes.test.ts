import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRetentionWorker } from '../../../src/salt/activity/worker.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { waitFor } from '../minions/harness.js';
import { busEvent, highstateJob, jid } from './events.js';

let t: TestApp;
let admin: string;
const JOB = jid();

interface EventOut {
  id: number;
  ts: string;
  category: string;
  event_type: string;
  minion_id: string | null;
  initiator: string | null;
  target: string | null;
  success: boolean | null;
  changed: boolean | null;
}

const list = async (query: string, cookie = admin) => {
  const response = await t.fd.app.inject({ method: 'GET', url: `/api/activity${query}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { total: number; events: EventOut[] };
};
const types = async (query: string, cookie = admin) => (await list(query, cookie)).events.map((e) => `${e.event_type}:${e.minion_id ?? '-'}`);

async function cookieWith(grants: string[]): Promise<string> {
  const role = await t.makeRole(grants);
  const user = await t.makeUser({ roles: [role.name] });
  return t.login(user.username);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.cookieFor(['admin']);
  const activity = t.fd.services.activity;
  const stored = [];
  for (const event of [
    ...highstateJob(JOB, 50),
    busEvent('salt/key', { act: 'accept', id: 'new-01', result: true }, 30),
    busEvent('salt/auth', { act: 'pend', id: 'new-02', result: true }, 29),
    busEvent('salt/auth', { act: 'pend', id: 'new-02', result: true }, 28),
    busEvent('salt/auth', { act: 'accept', id: 'web-01', result: true }, 27),
    busEvent('salt/minion/web-01/start', { id: 'web-01' }, 20),
    busEvent('salt/presence/change', { new: [], lost: ['web-02'] }, 10),
    busEvent('salt/presence/present', { present: ['web-01'] }, 9),
  ]) stored.push(await activity.ingest(event));
  // The repeated pend, the auth of a known minion and the presence heartbeat are not news.
  expect(stored.map((e) => e !== null)).toEqual([true, true, true, true, true, true, false, false, true, true, false]);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/activity', () => {
  it('answers 401 without a session', async () => {
    expect((await t.fd.app.inject({ method: 'GET', url: '/api/activity' })).statusCode).toBe(401);
  });

  it('lists stored events newest first, returns carrying who dispatched them and at what', async () => {
    const body = await list('');
    expect(body.total).toBe(8);
    expect(body.events.map((e) => `${e.event_type}:${e.minion_id ?? '-'}`)).toEqual([
      'presence.change:-', 'minion.start:web-01', 'key.pend:new-02', 'key.accept:new-01',
      'job.ret:db-01', 'job.ret:web-02', 'job.ret:web-01', 'job.new:-',
    ]);
    const web01 = body.events.find((e) => e.event_type === 'job.ret' && e.minion_id === 'web-01');
    expect(web01).toMatchObject({ category: 'job', jid: JOB, fun: 'state.apply', success: true, changed: true, initiator: 'alice', target: 'web*', duration_ms: 12 });
    expect(web01!.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.events.find((e) => e.minion_id === 'db-01')).toMatchObject({ success: false, changed: false, summary: 'db-01 returned state.apply ✗' });
    expect(Object.keys(body.events[0]!).sort()).toEqual([
      'category', 'changed', 'duration_ms', 'event_type', 'fun', 'id', 'initiator', 'jid', 'minion_id', 'success', 'summary', 'target', 'ts',
    ]);
  });

  it('shows each category only to holders of its view permission (presence counts as minion)', async () => {
    expect(await types('', await cookieWith(['view:job:*']))).toEqual(['job.ret:db-01', 'job.ret:web-02', 'job.ret:web-01', 'job.new:-']);
    expect(await types('', await cookieWith(['view:key:*']))).toEqual(['key.pend:new-02', 'key.accept:new-01']);
    expect(await types('', await cookieWith(['view:minion:*']))).toEqual(['presence.change:-', 'minion.start:web-01']);
    expect((await list('', await t.cookieFor(['viewer']))).total).toBe(8);
    // A grant on part of a family is not the family: no category, an empty answer (not 403).
    expect(await list('', await cookieWith(['view:job:web*', 'view:user:*']))).toEqual({ total: 0, events: [] });
  });

  it('intersects category and categories with what the user may see', async () => {
    expect(await types('?categories=key,minion')).toEqual(['presence.change:-', 'minion.start:web-01', 'key.pend:new-02', 'key.accept:new-01']);
    expect(await types('?category=key')).toEqual(['key.pend:new-02', 'key.accept:new-01']);
    expect(await types('?categories=job,bogus', await cookieWith(['view:key:*']))).toEqual([]);
    expect(await types('?categories=bogus')).toEqual([]);
  });

  it('hides routine returns and dispatches on request', async () => {
    expect(await types('?category=job&hide_routine=true')).toEqual(['job.ret:db-01', 'job.ret:web-01', 'job.new:-']);
    expect(await types('?category=job&hide_dispatch=true')).toEqual(['job.ret:db-01', 'job.ret:web-02', 'job.ret:web-01']);
  });

  it('searches summary, minion, function, initiator and target case-insensitively, and filters exactly', async () => {
    expect((await list('?search=ALICE')).total).toBe(4);
    expect(await types('?search=came online')).toEqual(['minion.start:web-01']);
    expect((await list('?search=STATE.apply')).total).toBe(4);
    expect((await list('?search=%25')).total).toBe(0);
    expect(await types('?minion_id=web-01')).toEqual(['minion.start:web-01', 'job.ret:web-01']);
    expect(await types('?event_type=key.accept')).toEqual(['key.accept:new-01']);
    expect(await types('?since_minutes=15')).toEqual(['presence.change:-']);
  });

  it('pages with limit and offset, the total counting every match', async () => {
    const page = await list('?limit=3&offset=2');
    expect(page.total).toBe(8);
    expect(page.events.map((e) => e.event_type)).toEqual(['key.pend', 'key.accept', 'job.ret']);
    for (const query of ['?limit=0', '?limit=501', '?offset=-1', '?since_minutes=0', '?since_minutes=10081', '?hide_routine=maybe']) {
      expect((await t.fd.app.inject({ method: 'GET', url: `/api/activity${query}`, headers: { cookie: admin } })).statusCode, query).toBe(422);
    }
  });
});

describe('GET /api/activity/widget-config', () => {
  it('gives every signed-in user the Overview widget settings', async () => {
    const viewer = await cookieWith(['view:job:*']);
    const response = await t.fd.app.inject({ method: 'GET', url: '/api/activity/widget-config', headers: { cookie: viewer } });
    expect(response.json()).toEqual({
      widget_hide_dispatch: true, widget_hide_routine: false, widget_show_jobs: true, widget_show_keys: true,
      widget_show_minions: true, widget_event_count: 6, widget_heartbeat_minutes: 60,
    });
    await t.fd.app.inject({ method: 'PUT', url: '/api/admin/settings/widget', headers: { cookie: admin }, payload: { widget_event_count: 12 } });
    const changed = await t.fd.app.inject({ method: 'GET', url: '/api/activity/widget-config', headers: { cookie: viewer } });
    expect(changed.json().widget_event_count).toBe(12);
    expect((await t.fd.app.inject({ method: 'GET', url: '/api/activity/widget-config' })).statusCode).toBe(401);
  });
});

describe('retention', () => {
  const count = async () => Number((await t.fd.database.db.selectFrom('activity_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('prunes events older than event_stream_retention_days', async () => {
    await t.fd.services.activity.ingest(busEvent('salt/minion/old-01/start', { id: 'old-01' }, 31 * 24 * 60));
    const before = await count();
    expect(await t.fd.services.activity.prune()).toBe(1);
    expect(await count()).toBe(before - 1);
    expect((await list('?minion_id=old-01')).total).toBe(0);
  });

  it('prunes on a timer, not only when the event stream reconnects', async () => {
    await t.fd.app.inject({ method: 'PUT', url: '/api/admin/settings/pollers', headers: { cookie: admin }, payload: { event_stream_retention_days: 1 } });
    await t.fd.services.activity.ingest(busEvent('salt/minion/old-02/start', { id: 'old-02' }, 2 * 24 * 60));
    const before = await count();
    const worker = activityRetentionWorker(t.fd.services.activity, t.fd.app.log, 10);
    worker.start();
    try {
      expect(await waitFor(async () => (await count()) === before - 1)).toBe(true);
    } finally {
      await worker.stop();
    }
    expect((await list('?minion_id=old-02')).total).toBe(0);
    expect(await count()).toBe(before - 1);
  });
});
