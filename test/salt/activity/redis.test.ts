import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { awaitLiveEvents, connectSalt, startSim, waitFor } from '../minions/harness.js';
import { busEvent } from './events.js';
import { SseClient } from './sse-client.js';

const REDIS_URL = process.env.TEST_REDIS_URL;

/**
 * Two server instances on one database and one Redis: instance A is connected to Salt and stores
 * the events; instance B is not, yet its browsers see them live.
 */
describe.skipIf(!REDIS_URL)('activity stream shared through Redis', () => {
  let sim: SaltApiSimulator;
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;
  let cookieA: string;
  let cookieB: string;

  beforeAll(async () => {
    sim = await startSim();
    a = await createTestApp({ REDIS_URL: REDIS_URL ?? '' });
    b = await createTestApp({ REDIS_URL: REDIS_URL ?? '', DATABASE_URL: a.config.databaseUrl });
    cookieA = await a.cookieFor(['admin']);
    cookieB = await b.cookieFor(['admin']);
    await connectSalt(a, sim);
    await awaitLiveEvents(a);
    await Promise.all([a.fd.services.activity.ready(), b.fd.services.activity.ready()]);
    baseA = await a.fd.app.listen({ host: '127.0.0.1', port: 0 });
    baseB = await b.fd.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await sim?.close();
  });

  it('delivers an event stored by instance A to a browser connected to instance B, once', async () => {
    expect(b.fd.services.activity.streamStats().shared).toBe(true);
    expect(() => b.fd.services.salt.client()).toThrow(/not configured/);
    const onB = await SseClient.open(`${baseB}/api/activity/stream`, { cookie: cookieB });
    const onA = await SseClient.open(`${baseA}/api/activity/stream`, { cookie: cookieA });
    expect(onB.status).toBe(200);
    // The replay comes from the shared database: B shows what A stored before B's browser came.
    await onB.waitFor(() => onB.events().some((f) => f.data.event_type === 'job.new'));

    const job = await a.fd.services.salt.client().localAsync('web-01', 'test.ping');
    const returned = (client: SseClient) => client.events().filter((f) => f.data.jid === job!.jid && f.data.event_type === 'job.ret');
    await onB.waitFor(() => returned(onB).length === 1);
    await onA.waitFor(() => returned(onA).length === 1);
    const row = await a.fd.database.db.selectFrom('activity_events').select('id').where('jid', '=', job!.jid).where('event_type', '=', 'job.ret').executeTakeFirstOrThrow();
    expect(returned(onB)[0]!.id).toBe(row.id);
    // A hears its own event back from Redis too: the echo is dropped by id, not sent twice.
    expect(await waitFor(() => returned(onA).length > 1 || returned(onB).length > 1, 300)).toBe(false);
    onA.close();
    onB.close();
  });

  it('stores a bus event seen by both instances\' consumers once, and streams it once', async () => {
    const onB = await SseClient.open(`${baseB}/api/activity/stream`, { cookie: cookieB });
    await onB.waitFor((frames) => frames.some((f) => f.comment === 'connected'));
    const event = busEvent('salt/minion/twice-01/start', { id: 'twice-01' });
    const stored = await Promise.all([a.fd.services.activity.ingest(event), b.fd.services.activity.ingest(event)]);
    expect(stored.filter((s) => s !== null)).toHaveLength(1);
    const rows = await a.fd.database.db.selectFrom('activity_events').select('id').where('minion_id', '=', 'twice-01').execute();
    expect(rows).toHaveLength(1);
    await onB.waitFor(() => onB.events().some((f) => f.data.minion_id === 'twice-01'));
    expect(await waitFor(() => onB.events().filter((f) => f.data.minion_id === 'twice-01').length > 1, 300)).toBe(false);
    onB.close();
  });
});
