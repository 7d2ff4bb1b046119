import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaltApiSimulator, type SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, eventually, jidAt, pollerFor, SIM } from './support.js';

let t: TestApp;
let sim: SaltApiSimulator;
let operator: string;
let viewer: string;

beforeAll(async () => {
  sim = await startSaltApiSimulator(SIM);
  t = await createTestApp();
  operator = await t.cookieFor(['operator']);
  viewer = await t.cookieFor(['viewer']);
  await connectSalt(t, sim, { event_stream_enabled: false });
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const inject = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.fd.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const run = async (payload: object) => {
  const response = await inject('POST', '/api/run', operator, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as { jid: string; minions: string[] };
};

describe('GET /api/jobs/{jid}', () => {
  it('parses a failing state run into per-minion state rows, counts and a job summary', async () => {
    const { jid } = await run({ target: 'web-01,db-01', target_type: 'list', fun: 'state.apply', args: ['broken'], async: false });
    const response = await inject('GET', `/api/jobs/${jid}`, viewer);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ jid, function: 'state.apply', arguments: ['broken'], source: 'live', minions: ['db-01', 'web-01'], missing: [] });
    expect(detail.results.map((r: { minion: string; success: boolean; retcode: number }) => [r.minion, r.success, r.retcode])).toEqual([['db-01', false, 2], ['web-01', false, 2]]);
    const web = detail.states['web-01'];
    expect(web).toMatchObject({ kind: 'states', passed: 0, failed: 2, total: 2, changed: 0, blocked: false });
    expect(web.rows.map((r: { id: string; result: boolean; run_num: number }) => [r.id, r.result, r.run_num])).toEqual([['always_fails', false, 0], ['depends_on_failure', false, 1]]);
    expect(web.rows[1].comment).toMatch(/requisite failed/);
    expect(detail.summary).toMatchObject({ total_minions: 2, minions_with_failures: 2, minions_all_success: 0, total_state_failures: 4 });
    const runs = await t.fd.database.db.selectFrom('highstate_runs').selectAll().where('jid', '=', jid).execute();
    expect(runs.map((r) => [r.minion_id, r.fail_count, r.pass_count, r.total_count]).sort()).toEqual([['db-01', 2, 0, 2], ['web-01', 2, 0, 2]]);
  });

  it('gives a non-state job no state table, and keeps the arguments and keyword arguments apart', async () => {
    const { jid } = await run({ target: 'cache-01', fun: 'test.echo', args: ['hello'], kwargs: { unused: 1 }, async: false });
    const detail = (await inject('GET', `/api/jobs/${jid}`, viewer)).json();
    expect(detail).toMatchObject({ function: 'test.echo', arguments: ['hello'], kwargs: { unused: 1 }, states: null, summary: null, target: 'cache-01' });
    expect(detail.results).toEqual([{ minion: 'cache-01', success: true, retcode: 0, return_value: 'hello', truncated: false }]);
  });

  it('still answers from the stored returns once the master has forgotten the job, and 404s a job nobody knows', async () => {
    const { jid } = await run({ target: 'web-01,db-01', target_type: 'list', fun: 'test.echo', args: ['kept'] });
    await eventually(async () => (await t.fd.services.salt.client().listJob(jid))?.missing.length === 0);
    const first = (await inject('GET', `/api/jobs/${jid}`, viewer)).json();
    expect(first.source).toBe('live');
    expect(first.results).toHaveLength(2);

    // A master whose job cache is empty (restarted with a fresh cache) on the same fleet.
    const fresh = await startSaltApiSimulator(SIM);
    try {
      await connectSalt(t, fresh, { event_stream_enabled: false });
      const stored = await inject('GET', `/api/jobs/${jid}`, viewer);
      expect(stored.statusCode).toBe(200);
      expect(stored.json()).toMatchObject({ jid, source: 'stored', function: 'test.echo', arguments: ['kept'], target: 'web-01,db-01', minions: ['db-01', 'web-01'], missing: [] });
      expect(stored.json().results.map((r: { minion: string; return_value: unknown }) => [r.minion, r.return_value])).toEqual([['db-01', 'kept'], ['web-01', 'kept']]);
      const unknown = jidAt(new Date());
      const missing = await inject('GET', `/api/jobs/${unknown}`, viewer);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().detail).toBe(`Job ${unknown} not found in cache`);
    } finally {
      await connectSalt(t, sim, { event_stream_enabled: false });
      await fresh.close();
    }
  });

  it('answers 503 while the master is down (stored jobs still answer) and recovers when it is back', async () => {
    const spare = await startSaltApiSimulator(SIM);
    const port = Number(new URL(spare.url).port);
    const { jid } = await run({ target: 'db-01', fun: 'test.ping', async: false });
    try {
      await connectSalt(t, spare, { event_stream_enabled: false });
      await spare.close();
      const unknown = jidAt(new Date());
      const down = await inject('GET', `/api/jobs/${unknown}`, viewer);
      expect(down.statusCode).toBe(503);
      expect(down.json().detail).toMatch(/unreachable/i);
      expect((await inject('GET', `/api/jobs/${jid}`, viewer)).json()).toMatchObject({ source: 'stored', results: [{ minion: 'db-01', return_value: true }] });
      expect((await inject('GET', '/api/jobs?live=true', viewer)).statusCode).toBe(503);
      expect((await inject('POST', '/api/run', operator, { target: '*', fun: 'test.ping' })).statusCode).toBe(503);

      const back = await startSaltApiSimulator({ ...SIM, port });
      try {
        const live = await inject('GET', '/api/jobs?live=true', viewer);
        expect(live.statusCode).toBe(200);
        expect(live.json()).toMatchObject({ next_cursor: null, last_polled_at: null });
        expect((await inject('GET', `/api/jobs/${unknown}`, viewer)).statusCode).toBe(404);
      } finally {
        await back.close();
      }
    } finally {
      await connectSalt(t, sim, { event_stream_enabled: false });
    }
  });
});

describe('stored returns and highstate runs', () => {
  it('marks minions that never returned from a finished state job as blocked', async () => {
    sim.setOnline('cache-01', false);
    try {
      const { jid } = await run({ target: 'web-01,cache-01', target_type: 'list', fun: 'state.apply', args: ['hello'] });
      await eventually(async () => (await t.fd.services.salt.client().listJob(jid))?.results.length === 1);
      await pollerFor(t).tick();
      const detail = (await inject('GET', `/api/jobs/${jid}`, viewer)).json();
      expect(detail).toMatchObject({ status: 'complete', missing: ['cache-01'] });
      expect(detail.states['cache-01']).toMatchObject({ kind: 'blocked', blocked: true, errors: ['Minion did not return'] });
      expect(detail.states['web-01']).toMatchObject({ kind: 'states', failed: 0, total: 4 });
      expect(detail.summary).toMatchObject({ total_minions: 2, minions_blocked: 1, minions_all_success: 1 });
      const runs = await t.fd.database.db.selectFrom('highstate_runs').selectAll().where('jid', '=', jid).orderBy('minion_id').execute();
      expect(runs.map((r) => [r.minion_id, r.blocked, r.pass_count])).toEqual([['cache-01', 1, 0], ['web-01', 0, 4]]);
      expect(JSON.parse(runs[0]!.raw_result_json)).toEqual({ _blocked: 'Minion did not return' });
    } finally {
      sim.setOnline('cache-01', true);
    }
  });

  it('gzips large returns and caps huge ones at 256 KiB of JSON with a truncated flag', async () => {
    const { ingest } = t.fd.services.jobs;
    const jid = jidAt(new Date());
    const medium = { lines: Array.from({ length: 2000 }, (_, i) => `line ${i}`) };
    const huge = 'x'.repeat(300 * 1024);
    const seen = (minion: string, value: unknown) => ({ jid, minion, function: 'cmd.run', value, retcode: 0, success: true, startedAt: new Date(), returnedAt: new Date() });
    await ingest.recordReturns([seen('web-01', medium), seen('db-01', huge), seen('cache-01', 'small')]);
    const rows = Object.fromEntries((await t.fd.database.db.selectFrom('job_returns').selectAll().where('jid', '=', jid).execute()).map((r) => [r.minion_id, r]));
    expect([rows['web-01']!.return_gz[0], rows['web-01']!.return_gz[1]]).toEqual([0x1f, 0x8b]);
    expect(rows['web-01']!.return_gz.length).toBeLessThan(JSON.stringify(medium).length / 3);
    expect(rows['db-01']).toMatchObject({ truncated: 1, return_bytes: huge.length + 2 });
    expect(rows['cache-01']!.return_gz.toString()).toBe('"small"');
    const detail = (await inject('GET', `/api/jobs/${jid}`, viewer)).json();
    const results = Object.fromEntries(detail.results.map((r: { minion: string }) => [r.minion, r]));
    expect(results['web-01']).toMatchObject({ return_value: medium, truncated: false });
    expect(results['db-01'].truncated).toBe(true);
    expect(results['db-01'].return_value).toHaveLength(256 * 1024);
  });
});

describe('POST /api/jobs/{jid}/kill', () => {
  it('really stops a running job: 202 with the signalled minions, audited, and the status turns complete', async () => {
    const { jid } = await run({ target: 'web-01,db-01', target_type: 'list', fun: 'test.sleep', args: [60] });
    const poller = pollerFor(t);
    await poller.tick();
    const status = async () => ((await inject('GET', '/api/jobs?function=test.sleep&limit=500', viewer)).json().jobs as { jid: string; status: string }[]).find((j) => j.jid === jid)?.status;
    expect(await status()).toBe('running');
    const live = (await inject('GET', '/api/jobs?live=true&function=test.sleep', viewer)).json();
    expect(live).toMatchObject({ active_known: true, last_polled_at: null, next_cursor: null });
    expect(live.jobs.find((j: { jid: string }) => j.jid === jid)).toMatchObject({ status: 'running', target: 'web-01,db-01', target_type: 'list', user: 'salt' });
    expect((await inject('GET', '/api/jobs?live=true&limit=501', viewer)).statusCode).toBe(422);

    expect((await inject('POST', `/api/jobs/${jid}/kill`, viewer)).statusCode).toBe(403);
    const response = await inject('POST', `/api/jobs/${jid}/kill`, operator);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ jid, minions_targeted: ['db-01', 'web-01'], minions_signalled: ['db-01', 'web-01'], minions_not_running: [], minions_no_reply: [] });
    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.kill').where('salt_jid', '=', jid).execute();
    expect(audit).toMatchObject([{ decision: 'allow', result_code: 202, resource: `job:${jid}` }]);

    await poller.tick();
    expect(await status()).toBe('complete');
    const active = await t.fd.services.salt.client().activeJobs();
    expect(active.map((job) => job.jid)).not.toContain(jid);
    const detail = (await inject('GET', `/api/jobs/${jid}`, viewer)).json();
    expect(detail).toMatchObject({ status: 'complete', results: [], missing: ['db-01', 'web-01'] });
  });

  it('checks the object scope: a grant for other jobs is refused on this one with an audited job.kill denial', async () => {
    const role = await t.makeRole(['view:job:*', 'kill:job:1999*']);
    const user = await t.makeUser({ roles: [role.name] });
    const cookie = await t.login(user.username);
    const jid = jidAt(new Date());
    const response = await inject('POST', `/api/jobs/${jid}/kill`, cookie);
    expect(response.statusCode).toBe(403);
    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.kill').where('resource', '=', `job:${jid}`).execute();
    expect(audit).toMatchObject([{ decision: 'deny', result_code: 403 }]);
  });
});
