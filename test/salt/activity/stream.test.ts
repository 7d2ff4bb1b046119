import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { awaitLiveEvents, connectSalt, startSim, waitFor } from '../minions/harness.js';
import { busEvent } from './events.js';
import { SseClient } from './sse-client.js';

let t: TestApp;
let sim: SaltApiSimulator;
let base: string;
let admin: string;
let closed = false;

const open = (cookie: string, headers: Record<string, string> = {}) => SseClient.open(`${base}/api/activity/stream`, { cookie, ...headers });
const clients = () => t.fd.services.activity.streamStats().clients;

async function cookieWith(grants: string[]): Promise<string> {
  const role = await t.makeRole(grants);
  const user = await t.makeUser({ roles: [role.name] });
  return t.login(user.username);
}

beforeAll(async () => {
  sim = await startSim();
  t = await createTestApp();
  admin = await t.cookieFor(['admin']);
  await connectSalt(t, sim);
  await awaitLiveEvents(t);
  base = await t.fd.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  if (!closed) await t.close();
  await sim.close();
});

describe('GET /api/activity/stream', () => {
  it('answers 401 without a session and 403 (audited) to a user who may see no category', async () => {
    expect((await SseClient.open(`${base}/api/activity/stream`, {})).status).toBe(401);
    const nothing = await open(await cookieWith(['view:user:*', 'view:job:web*']));
    expect(nothing.status).toBe(403);
    expect(JSON.parse(nothing.body).detail).toBe('Forbidden');
    const denial = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', 'activity:stream').executeTakeFirst();
    expect(denial).toMatchObject({ decision: 'deny', result_code: 403, action: 'access.denied' });
  });

  it('answers 503 "Event stream not enabled" when nothing feeds the stream', async () => {
    const other = await createTestApp();
    try {
      const cookie = await other.cookieFor(['admin']);
      const response = await other.fd.app.inject({ method: 'GET', url: '/api/activity/stream', headers: { cookie } });
      expect(response.statusCode).toBe(503);
      expect(response.json().detail).toBe('Event stream not enabled');
    } finally {
      await other.close();
    }
  });

  it('replays the newest stored events, then streams new ones live, as SSE frames', async () => {
    for (let i = 0; i < 3; i += 1) await t.fd.services.activity.ingest(busEvent(`salt/minion/replay-0${i}/start`, { id: `replay-0${i}` }));
    const stored = await t.fd.database.db.selectFrom('activity_events').select(['id', 'event_type', 'minion_id']).orderBy('id', 'desc').limit(100).execute();
    const stream = await open(admin);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('x-request-id')).toBeTruthy();
    await stream.waitFor(() => stream.events().length >= stored.length);
    expect(stream.events().map((f) => f.id)).toEqual(stored.map((r) => r.id).reverse());
    expect(Object.keys(stream.events().at(-1)!.data).sort()).toEqual(['category', 'changed', 'event_type', 'fun', 'jid', 'minion_id', 'success', 'summary']);

    const job = await t.fd.services.salt.client().localAsync('web-01', 'test.ping');
    await stream.waitFor(() => stream.events().some((f) => f.data.jid === job!.jid && f.data.event_type === 'job.ret'));
    const live = stream.events().filter((f) => f.data.jid === job!.jid);
    expect(live.map((f) => f.data.event_type)).toEqual(['job.new', 'job.ret']);
    expect(live[1]!.data).toMatchObject({ category: 'job', minion_id: 'web-01', fun: 'test.ping', success: true, summary: 'web-01 returned test.ping ✓' });
    expect(live[1]!.id).toBeGreaterThan(live[0]!.id!);
    stream.close();
  });

  it('sends each user only the categories it may view', async () => {
    const adminStream = await open(admin);
    const keysOnly = await open(await cookieWith(['view:key:*']));
    const salt = t.fd.services.salt.client();
    const job = await salt.localAsync('web-02', 'test.ping');
    await adminStream.waitFor(() => adminStream.events().some((f) => f.data.jid === job!.jid && f.data.event_type === 'job.ret'));
    await salt.keyReject('new-03');
    await keysOnly.waitFor(() => keysOnly.events().some((f) => f.data.event_type === 'key.reject' && f.data.minion_id === 'new-03'));
    expect(new Set(keysOnly.events().map((f) => f.data.category))).toEqual(new Set(['key']));
    await adminStream.waitFor(() => adminStream.events().some((f) => f.data.event_type === 'key.reject'));
    adminStream.close();
    keysOnly.close();
  });

  it('resumes after Last-Event-ID: only the events the browser missed', async () => {
    const before = await t.fd.database.db.selectFrom('activity_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    const lastSeen = Number(before.id);
    await t.fd.services.activity.ingest(busEvent('salt/minion/missed-01/start', { id: 'missed-01' }));
    await t.fd.services.activity.ingest(busEvent('salt/minion/missed-02/start', { id: 'missed-02' }));
    const stream = await open(admin, { 'last-event-id': String(lastSeen) });
    await stream.waitFor(() => stream.events().length >= 2);
    expect(stream.events().map((f) => f.data.minion_id)).toEqual(['missed-01', 'missed-02']);
    expect(stream.events().every((f) => f.id! > lastSeen)).toBe(true);
    stream.close();
  });

  it('sends a keepalive comment every 15 s of the stream', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stream = await open(admin);
      await stream.waitFor((frames) => frames.some((f) => f.comment === 'connected'));
      expect(stream.frames.some((f) => f.comment === 'keepalive')).toBe(false);
      vi.advanceTimersByTime(15_000);
      await stream.waitFor((frames) => frames.filter((f) => f.comment === 'keepalive').length === 1);
      vi.advanceTimersByTime(15_000);
      await stream.waitFor((frames) => frames.filter((f) => f.comment === 'keepalive').length === 2);
      stream.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets go of a client that disconnects', async () => {
    expect(await waitFor(() => clients() === 0)).toBe(true);
    const streams = await Promise.all([open(admin), open(admin)]);
    expect(clients()).toBe(2);
    streams[0]!.close();
    expect(await waitFor(() => clients() === 1)).toBe(true);
    streams[1]!.close();
    expect(await waitFor(() => clients() === 0)).toBe(true);
  });

  it('ends open streams when the server closes, instead of hanging the shutdown', async () => {
    const stream = await open(admin);
    await stream.waitFor((frames) => frames.length > 0);
    closed = true;
    await t.close();
    expect(await waitFor(() => stream.ended)).toBe(true);
  });
});
