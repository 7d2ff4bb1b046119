import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeEvent, type SaltEvent } from '../../../src/salt/client/parse/events.js';
import { createEventHub } from '../../../src/salt/events/hub.js';
import { jobsEventIngest } from '../../../src/salt/jobs/ingest/events.js';
import { startSaltApiSimulator, type SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, eventually, jidAt, jobRow, pollerFor, quietLog, SIM } from './support.js';

let t: TestApp;
let sim: SaltApiSimulator;
let operator: string;

beforeAll(async () => {
  sim = await startSaltApiSimulator(SIM);
  t = await createTestApp();
  operator = await t.cookieFor(['operator']);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const db = () => t.fd.database.db;
const indexRows = (jid: string) => db().selectFrom('jobs_index').selectAll().where('jid', '=', jid).execute();
const returnCount = async (jid: string) => (await db().selectFrom('job_returns').select('minion_id').where('jid', '=', jid).execute()).length;
const listJids = async (query: string) => ((await t.fd.app.inject({ method: 'GET', url: `/api/jobs?${query}`, headers: { cookie: operator } })).json().jobs as { jid: string }[]).map((j) => j.jid);

/** Dispatches test.ping straight on the master until one arrives through the event stream (the first may beat the connection). */
async function jobThroughEvents(): Promise<string> {
  return eventually(async () => {
    const job = await t.fd.services.salt.client().localAsync('*', 'test.ping');
    if (!job) return null;
    const seen = await eventually(async () => (await indexRows(job.jid))[0] ?? null, 1_000).catch(() => null);
    return seen?.source === 'event' ? job.jid : null;
  }, 15_000);
}

describe('jobs index from the event stream', () => {
  beforeAll(async () => {
    await connectSalt(t, sim, { event_stream_enabled: true });
  });

  it('indexes jobs and stores every minion\'s return as the events arrive, without any poll', async () => {
    const jid = await jobThroughEvents();
    expect(await eventually(async () => (await returnCount(jid)) === sim.minionIds().length)).toBe(true);
    const [row] = await indexRows(jid);
    expect(row).toMatchObject({ function: 'test.ping', target: '*', target_type: 'glob', user: 'salt', source: 'event', minion_count: 5 });
    expect(t.fd.services.jobs.state.lastPolledAt()).toBeNull();
  });

  it('shows a job dispatched through /api/run at once, then fills it from its events', async () => {
    await jobThroughEvents();
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/run', headers: { cookie: operator }, payload: { target: 'web-01,db-01', target_type: 'list', fun: 'test.echo', args: ['hi'] } });
    expect(response.statusCode).toBe(202);
    const { jid } = response.json();
    expect(await listJids('function=test.echo')).toContain(jid);
    expect(await eventually(async () => (await returnCount(jid)) === 2)).toBe(true);
    const [row] = await indexRows(jid);
    expect(row).toMatchObject({ source: 'run', user: 'salt', target: 'web-01,db-01', target_type: 'list', minion_count: 2 });
    const detail = await t.fd.app.inject({ method: 'GET', url: `/api/jobs/${jid}`, headers: { cookie: operator } });
    expect(detail.json().results.map((r: { minion: string; return_value: unknown }) => [r.minion, r.return_value])).toEqual([['db-01', 'hi'], ['web-01', 'hi']]);
  });

  it('fills highstate runs from the returns of state jobs as they arrive', async () => {
    await jobThroughEvents();
    const job = await t.fd.services.salt.client().localAsync({ tgt: ['web-01', 'db-01'], type: 'list' }, 'state.apply', { arg: ['broken'] });
    const runs = await eventually(async () => {
      const rows = await db().selectFrom('highstate_runs').selectAll().where('jid', '=', job!.jid).orderBy('minion_id').execute();
      return rows.length === 2 ? rows : null;
    });
    expect(runs.map((r) => [r.minion_id, r.function, r.fail_count, r.pass_count, r.total_count, r.blocked])).toEqual([['db-01', 'state.apply', 2, 0, 2, 0], ['web-01', 'state.apply', 2, 0, 2, 0]]);
    expect(runs[0]!.completed_at >= runs[0]!.started_at).toBe(true);
  });

  it('keeps one row per job when the poller sees what the stream already indexed', async () => {
    const jid = await jobThroughEvents();
    await eventually(async () => (await returnCount(jid)) === 5);
    const [before] = await indexRows(jid);
    const result = await pollerFor(t).tick();
    expect(result.polled).toBeGreaterThan(0);
    const rows = await indexRows(jid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'event', function: 'test.ping', user: 'salt', minion_count: 5 });
    expect(rows[0]!.seen_at >= before!.seen_at).toBe(true);
    expect((await listJids('function=test.ping&limit=500')).filter((id) => id === jid)).toHaveLength(1);
  });
});

describe('jobs index from the poller alone', () => {
  beforeAll(async () => {
    await connectSalt(t, sim, { event_stream_enabled: false });
  });

  it('reconciles jobs the index has not seen and refreshes the active-JID cache', async () => {
    const client = t.fd.services.salt.client();
    const quick = await client.localAsync('db-01', 'test.echo', { arg: ['polled'] });
    const slow = await client.localAsync('web-01', 'test.sleep', { arg: [30] });
    expect(quick && slow).toBeTruthy();
    expect(await indexRows(quick!.jid)).toHaveLength(0);
    await eventually(async () => (await client.listJob(quick!.jid))?.missing.length === 0);
    const poller = pollerFor(t);
    await poller.tick();
    expect(await indexRows(quick!.jid)).toMatchObject([{ source: 'poll', function: 'test.echo', target: 'db-01', user: 'salt', arguments_json: '["polled"]' }]);
    const body = (await t.fd.app.inject({ method: 'GET', url: '/api/jobs?function=test.*&limit=500', headers: { cookie: operator } })).json();
    expect(body.active_known).toBe(true);
    expect(body.last_polled_at).not.toBeNull();
    const statuses = Object.fromEntries(body.jobs.map((j: { jid: string; status: string }) => [j.jid, j.status]));
    expect(statuses[slow!.jid]).toBe('running');
    expect(statuses[quick!.jid]).toBe('complete');
    // A second tick overlaps the first: nothing is indexed twice.
    await poller.tick();
    expect(await indexRows(quick!.jid)).toHaveLength(1);
    await client.killJob(slow!.jid);
  });

  it('backfills the returns of finished state jobs so highstate runs exist without the stream', async () => {
    const client = t.fd.services.salt.client();
    const job = await client.localAsync({ tgt: ['web-01', 'db-01'], type: 'list' }, 'state.apply', { arg: ['broken'] });
    await eventually(async () => ((await client.listJob(job!.jid))?.missing.length === 0 ? true : null));
    await pollerFor(t).tick();
    const runs = await db().selectFrom('highstate_runs').selectAll().where('jid', '=', job!.jid).orderBy('minion_id').execute();
    expect(runs.map((r) => [r.minion_id, r.fail_count, r.total_count, r.blocked])).toEqual([['db-01', 2, 2, 0], ['web-01', 2, 2, 0]]);
    expect(await returnCount(job!.jid)).toBe(2);
  });
});

describe('jobs workers follow the Salt connection', () => {
  it('starts the poller when an interval is set and stops it (forgetting the active jobs) when it is cleared', async () => {
    await connectSalt(t, sim, { event_stream_enabled: false, jobs_poll_interval_seconds: 1 });
    const active = async () => (await t.fd.app.inject({ method: 'GET', url: '/api/jobs?limit=1', headers: { cookie: operator } })).json();
    expect(await eventually(async () => (await active()).active_known)).toBe(true);
    expect((await active()).last_polled_at).not.toBeNull();
    await connectSalt(t, sim, { event_stream_enabled: false, jobs_poll_interval_seconds: 0 });
    expect((await active()).active_known).toBe(false);
  });
});

describe('retention', () => {
  it('prunes jobs and their returns by age and by count, as the settings say', async () => {
    const ingest = t.fd.services.jobs.ingest;
    const old = jobRow({ at: new Date(Date.now() - 40 * 86_400_000) });
    await ingest.recordPolled([old]);
    await ingest.recordReturns([{ jid: old.jid, minion: 'web-01', function: 'test.ping', value: true, retcode: 0, success: true, startedAt: old.started_at!, returnedAt: old.started_at! }]);
    const pruned = await ingest.prune();
    expect(pruned.jobs).toBeGreaterThanOrEqual(1);
    expect(await indexRows(old.jid)).toHaveLength(0);
    expect(await returnCount(old.jid)).toBe(0);

    const admin = await t.cookieFor(['admin']);
    const total = async () => Number((await db().selectFrom('jobs_index').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await ingest.recordPolled(Array.from({ length: 150 }, (_, i) => jobRow({ at: new Date(Date.now() - 86_400_000 - i * 1000) })));
    const newest = (await db().selectFrom('jobs_index').select('jid').orderBy('started_at', 'desc').orderBy('jid', 'desc').limit(100).execute()).map((r) => r.jid);
    expect(await total()).toBeGreaterThan(100);
    await t.fd.app.inject({ method: 'PUT', url: '/api/jobs/settings', headers: { cookie: admin }, payload: { retention_max_jobs: 100 } });
    await ingest.prune();
    expect(await total()).toBe(100);
    const kept = (await db().selectFrom('jobs_index').select('jid').orderBy('started_at', 'desc').orderBy('jid', 'desc').execute()).map((r) => r.jid);
    expect(kept).toEqual(newest);
    await t.fd.app.inject({ method: 'PUT', url: '/api/jobs/settings', headers: { cookie: admin }, payload: { retention_max_jobs: 250_000 } });
  });
});

describe('event ingest worker', () => {
  it('writes a burst of events in a few batches, one transaction each, and drains on stop', async () => {
    const hub = createEventHub<SaltEvent>({ queueSize: 100_000 });
    const batches: number[] = [];
    const ingest = t.fd.services.jobs.ingest;
    const worker = jobsEventIngest({ hub, log: quietLog, ingest: { recordEvents: async (events) => (batches.push(events.length), ingest.recordEvents(events)) } });
    worker.start();
    const jids: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const jid = jidAt(new Date());
      jids.push(jid);
      const event = normalizeEvent({ tag: `salt/job/${jid}/ret/web-01`, data: { fun: 'test.ping', id: 'web-01', jid, return: true, retcode: 0, success: true, _stamp: '2026-05-27T14:00:00.000001' } });
      if (event) hub.publish(event);
    }
    await worker.stop();
    expect(worker.stats()).toMatchObject({ received: 3000, written: 3000, dropped: 0, failed: 0 });
    expect(batches.length).toBeLessThan(100);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(3000);
    const stored = await db().selectFrom('job_returns').select('jid').where('jid', 'in', jids.slice(0, 500)).execute();
    expect(stored).toHaveLength(500);
  });
});
