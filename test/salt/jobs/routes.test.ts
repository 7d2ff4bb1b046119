import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { jidAt, jobRow } from './support.js';

let t: TestApp;
let viewer: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  viewer = await t.cookieFor(['viewer']);
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, cookie: string | null = viewer) => t.fd.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('GET /api/jobs (from the index)', () => {
  it('answers 401 without a session and 403 without view:job:*', async () => {
    expect((await get('/api/jobs', null)).statusCode).toBe(401);
    const nobody = await t.cookieFor([]);
    const response = await get('/api/jobs', nobody);
    expect(response.statusCode).toBe(403);
    const denied = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('resource', '=', 'job:*').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('lists the newest jobs first with the seed\'s row fields and Salt\'s StartTime format', async () => {
    const fn = t.unique('probe').replace('-', '_');
    const jid = '20260527140000000003';
    await t.fd.services.jobs.ingest.recordPolled([
      jobRow({ jid, function: `${fn}.old`, at: new Date('2026-05-27T14:00:00.000Z'), target: 'web*', user: 'alice' }),
      jobRow({ function: `${fn}.new`, at: new Date(Date.now() - 1000) }),
    ]);
    const response = await get(`/api/jobs?q=${fn}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 2, active_known: false, last_polled_at: null, next_cursor: null });
    expect(body.jobs.map((j: { function: string }) => j.function)).toEqual([`${fn}.new`, `${fn}.old`]);
    expect(body.jobs[1]).toEqual({
      jid, function: `${fn}.old`, target: 'web*', target_type: 'glob', user: 'alice',
      start_time: '2026, May 27 14:00:00.000003', status: 'complete', started_at: '2026-05-27T14:00:00.000Z',
    });
  });

  it('defaults to 50 rows and filters by function (exact or glob), target, user, search and time window', async () => {
    const fn = t.unique('flt').replace('-', '_');
    const now = Date.now();
    const rows = Array.from({ length: 60 }, (_, i) =>
      jobRow({ function: i % 2 ? `${fn}.even` : `${fn}.odd`, target: i % 3 ? `web-${i}` : `db-${i}`, user: i % 4 ? 'salt' : 'root', at: new Date(now - i * 60_000) }));
    await t.fd.services.jobs.ingest.recordPolled(rows);
    const ask = async (query: string) => (await get(`/api/jobs?${query}`)).json().jobs as { function: string; target: string; user: string; jid: string }[];
    expect(await ask(`q=${fn}`)).toHaveLength(50);
    expect((await ask(`function=${fn}.even&limit=500`)).every((j) => j.function === `${fn}.even`)).toBe(true);
    expect(await ask(`function=${fn}.even&limit=500`)).toHaveLength(30);
    expect(await ask(`function=${fn.toUpperCase()}.*&limit=500`)).toHaveLength(60);
    expect(await ask(`function=${fn}.ev?n&target=db-*&limit=500`)).toHaveLength(10);
    expect((await ask(`q=${fn}&user=root&limit=500`)).every((j) => j.user === 'root')).toBe(true);
    expect(await ask(`q=${fn}&user=root&limit=500`)).toHaveLength(15);
    const since = new Date(now - 9.5 * 60_000).toISOString();
    const until = new Date(now - 4.5 * 60_000).toISOString();
    expect(await ask(`q=${fn}&since=${since}&until=${until}`)).toHaveLength(5);
    // The search box matches the target too, case-insensitively; LIKE's own characters are literal.
    expect((await ask(`q=${fn}&limit=500`)).length).toBe(60);
    expect(await ask(`q=${fn}_%25`)).toHaveLength(0);
  });

  it('pages with a stable keyset cursor: no row twice, none lost, even when new jobs arrive between pages', async () => {
    const fn = t.unique('page').replace('-', '_');
    const base = Date.now() - 2 * HOUR;
    // Ten jobs share each millisecond: the JID breaks the tie.
    const rows = Array.from({ length: 95 }, (_, i) => jobRow({ function: `${fn}.x`, at: new Date(base - Math.floor(i / 10) * 1000) }));
    await t.fd.services.jobs.ingest.recordPolled(rows);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/jobs?function=${fn}.x&limit=20${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await get(url)).json();
      seen.push(...body.jobs.map((j: { jid: string }) => j.jid));
      cursor = body.next_cursor;
      pages += 1;
      if (pages === 2) await t.fd.services.jobs.ingest.recordPolled([jobRow({ function: `${fn}.x`, at: new Date() })]);
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(95);
    const expected = [...rows].sort((a, b) => (b.started_at!.getTime() - a.started_at!.getTime()) || (a.jid < b.jid ? 1 : -1)).map((r) => r.jid);
    expect(seen).toEqual(expected);
  });

  it('rejects bad query values with 422 naming the field', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['status=done', 'status'], ['since=yesterday', 'since'], ['cursor=nonsense', 'cursor']]) {
      const response = await get(`/api/jobs?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(JSON.stringify(response.json().detail), query).toContain(field);
    }
  });

  it('filters by status through the active-JID cache and says when it is cold', async () => {
    const fn = t.unique('st').replace('-', '_');
    const running = jobRow({ function: `${fn}.a` });
    const done = jobRow({ function: `${fn}.a` });
    await t.fd.services.jobs.ingest.recordPolled([running, done]);
    expect((await get(`/api/jobs?q=${fn}&status=running`)).json()).toMatchObject({ jobs: [], active_known: false });
    t.fd.services.jobs.state.setActive([running.jid], new Date());
    try {
      const live = (await get(`/api/jobs?q=${fn}&status=running`)).json();
      expect(live.active_known).toBe(true);
      expect(live.jobs.map((j: { jid: string; status: string }) => [j.jid, j.status])).toEqual([[running.jid, 'running']]);
      const complete = (await get(`/api/jobs?q=${fn}&status=complete`)).json();
      expect(complete.jobs.map((j: { jid: string }) => j.jid)).toEqual([done.jid]);
    } finally {
      t.fd.services.jobs.state.clear();
    }
  });

  it('answers 503 in live mode while Salt is not configured, and still serves the index', async () => {
    const live = await get('/api/jobs?live=true');
    expect(live.statusCode).toBe(503);
    expect(live.json().detail).toMatch(/not configured/);
    expect((await get('/api/jobs')).statusCode).toBe(200);
  });
});

describe('GET /api/jobs/activity and /timeline', () => {
  it('buckets jobs per hour on the server: exactly `hours` buckets, oldest first, the last one the current hour', async () => {
    const now = Date.now();
    const hourStart = Math.floor(now / HOUR) * HOUR;
    const before = (await get('/api/jobs/activity?hours=3')).json();
    await t.fd.services.jobs.ingest.recordPolled([
      jobRow({ at: new Date(hourStart + 1) }), jobRow({ at: new Date(hourStart - HOUR + 5) }), jobRow({ at: new Date(hourStart - 5 * HOUR) }),
    ]);
    const response = await get('/api/jobs/activity?hours=3');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.buckets).toHaveLength(3);
    expect(body.buckets[2].hour_start).toBe(`${new Date(hourStart).toISOString().slice(0, 13)}:00:00Z`);
    expect(body.buckets[0].hour_start).toBe(`${new Date(hourStart - 2 * HOUR).toISOString().slice(0, 13)}:00:00Z`);
    expect(body.buckets[2].count - before.buckets[2].count).toBe(1);
    expect(body.buckets[1].count - before.buckets[1].count).toBe(1);
    expect(body.total - before.total).toBe(2);
    expect(body).toMatchObject({ hours: 3, running: 0, active_known: false });
    expect((await get('/api/jobs/activity?hours=169')).statusCode).toBe(422);
    expect((await get('/api/jobs/activity', null)).statusCode).toBe(401);
    expect((await get('/api/jobs/activity', await t.cookieFor([]))).statusCode).toBe(403);
  });

  it('groups timeline bars, colours state jobs from their runs, and hides system functions unless asked', async () => {
    const user = t.unique('tl');
    const failing = jobRow({ function: 'state.apply', user });
    const clean = jobRow({ function: 'state.highstate', user });
    const unknown = jobRow({ function: 'state.sls', user });
    await t.fd.services.jobs.ingest.recordPolled([failing, clean, unknown, jobRow({ function: 'cmd.run', user }), jobRow({ function: 'runner.jobs.list_jobs', user })]);
    const seen = (jid: string, minion: string, value: unknown) => ({ jid, minion, function: 'state.apply', value, retcode: 0, success: true, startedAt: new Date(), returnedAt: new Date() });
    const ok = { 'file_|-motd_|-/etc/motd_|-managed': { result: true, comment: 'ok', changes: {}, duration: 1.5, __run_num__: 0 } };
    const bad = { 'test_|-x_|-x_|-fail_without_changes': { result: false, comment: 'Failure!', changes: {}, duration: 1, __run_num__: 0 } };
    await t.fd.services.jobs.ingest.recordReturns([seen(failing.jid, 'web-01', bad), seen(failing.jid, 'db-01', ok), seen(clean.jid, 'web-01', ok)]);

    const body = (await get(`/api/jobs/timeline?window=1h&user=${user}`)).json();
    expect(body).toMatchObject({ group_by: 'function', total_bars: 4 });
    const bars = Object.fromEntries(body.groups.flatMap((g: { bars: { jid: string }[] }) => g.bars).map((b: { jid: string }) => [b.jid, b]));
    expect(bars[failing.jid]).toMatchObject({ status: 'failed', category: 'state', minion_count: 2, failed_minion_count: 1 });
    expect(bars[clean.jid]).toMatchObject({ status: 'pass', minion_count: 1, failed_minion_count: 0 });
    expect(bars[unknown.jid]).toMatchObject({ status: 'unknown', completed_at: null });
    const withSystem = (await get(`/api/jobs/timeline?window=1h&user=${user}&include_system=true&group_by=user`)).json();
    expect(withSystem.total_bars).toBe(5);
    expect(withSystem.groups).toHaveLength(1);
    expect(withSystem.groups[0]).toMatchObject({ key: user, label: user, bar_count: 5, category: 'other' });
    const filtered = (await get(`/api/jobs/timeline?window=1h&user=${user}&function_filter=STATE.`)).json();
    expect(filtered.total_bars).toBe(3);

    const badWindow = await get('/api/jobs/timeline?window=2d');
    expect(badWindow.statusCode).toBe(422);
    expect(badWindow.json().detail).toBe('Invalid window');
    expect((await get('/api/jobs/timeline?group_by=minion')).json().detail).toBe('Invalid group_by');
  });
});

describe('/api/jobs/settings (retention)', () => {
  it('is for edit:settings:* only, validates, and audits a change', async () => {
    expect((await get('/api/jobs/settings')).statusCode).toBe(403);
    const admin = await t.cookieFor(['admin']);
    expect((await get('/api/jobs/settings', admin)).json()).toEqual({ retention_days: 30, retention_max_jobs: 250_000 });
    const put = (payload: object) => t.fd.app.inject({ method: 'PUT', url: '/api/jobs/settings', headers: { cookie: admin }, payload });
    expect((await put({ retention_days: 0 })).statusCode).toBe(422);
    expect((await put({})).statusCode).toBe(422);
    const changed = await put({ retention_days: 7 });
    expect(changed.json()).toEqual({ retention_days: 7, retention_max_jobs: 250_000 });
    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.jobs.update').execute();
    expect(audit).toHaveLength(1);
    await put({ retention_days: 30 });
  });
});

describe('GET /api/jobs/{jid} and kill: validation before Salt', () => {
  it('answers 422 naming jid for a malformed JID, 401 and 403 as usual', async () => {
    for (const bad of ['123', '2026052714000000000x', '202605271400000000031']) {
      const response = await get(`/api/jobs/${bad}`);
      expect(response.statusCode, bad).toBe(422);
      expect(JSON.stringify(response.json().detail)).toContain('jid');
    }
    expect((await get(`/api/jobs/${jidAt(new Date())}`, null)).statusCode).toBe(401);
    expect((await get(`/api/jobs/${jidAt(new Date())}`, await t.cookieFor([]))).statusCode).toBe(403);
  });

  it('answers 404 for a job nobody knows and 503 for one only Salt could know, while Salt is not configured', async () => {
    const response = await get(`/api/jobs/${jidAt(new Date())}`);
    expect(response.statusCode).toBe(503);
    const stored = jobRow({ function: 'test.ping' });
    await t.fd.services.jobs.ingest.recordPolled([stored]);
    const detail = await get(`/api/jobs/${stored.jid}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ jid: stored.jid, source: 'stored', results: [], states: null });
  });

  it('refuses a kill to a viewer (403, audited) and answers 503 to an operator while Salt is not configured', async () => {
    const jid = jidAt(new Date());
    const kill = (cookie: string) => t.fd.app.inject({ method: 'POST', url: `/api/jobs/${jid}/kill`, headers: { cookie } });
    expect((await kill(viewer)).statusCode).toBe(403);
    const denied = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('resource', '=', 'job:*').where('decision', '=', 'deny').execute();
    expect(denied.some((row) => row.args_json?.includes('kill:job:*'))).toBe(true);
    const operator = await t.cookieFor(['operator']);
    expect((await kill(operator)).statusCode).toBe(503);
    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.kill').where('salt_jid', '=', jid).execute();
    expect(audit).toMatchObject([{ decision: 'deny', result_code: 503 }]);
    expect((await t.fd.app.inject({ method: 'POST', url: '/api/jobs/12/kill', headers: { cookie: operator } })).statusCode).toBe(422);
  });
});
