import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, startSim } from './harness.js';

let t: TestApp;
let sim: SaltApiSimulator;
let viewer: string;

const get = (url: string, cookie?: string) => t.fd.app.inject({ method: 'GET', url: `/api/minions${url}`, headers: cookie ? { cookie } : {} });

async function cookieWith(grants: string[]): Promise<string> {
  const role = await t.makeRole(grants);
  const user = await t.makeUser({ roles: [role.name] });
  return t.login(user.username);
}

beforeAll(async () => {
  sim = await startSim();
  t = await createTestApp();
  await connectSalt(t, sim);
  const state = t.fd.services.minionState;
  await state.refreshKeys();
  await state.refreshPresence();
  await state.refreshGrains();
  viewer = await t.cookieFor(['viewer']);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('GET /api/minions', () => {
  it('answers 401 without a session and 403 (audited) without view:minion', async () => {
    expect((await get('')).statusCode).toBe(401);
    const jobsOnly = await cookieWith(['view:job:*']);
    expect((await get('', jobsOnly)).statusCode).toBe(403);
    const denials = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', 'minion:*').where('decision', '=', 'deny').execute();
    expect(denials.length).toBeGreaterThan(0);
  });

  it('lists every key with its status, OS and primary IP, ordered by id, fresh', async () => {
    const response = await get('', viewer);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const ids = body.minions.map((m: { id: string }) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(body.total).toBe(12 + 3 + 1 + 1);
    const byId = new Map(body.minions.map((m: { id: string }) => [m.id, m]));
    const online = new Set(sim.onlineMinionIds());
    for (const id of sim.minionIds()) {
      const grains = sim.grains(id)!;
      expect(byId.get(id)).toMatchObject({ status: online.has(id) ? 'online' : 'offline', os: grains.os, os_family: grains.os_family, saltversion: grains.saltversion });
    }
    const web = sim.grains('web-01')!;
    expect((byId.get('web-01') as { ip: string }).ip).toBe((web.ip4_interfaces as Record<string, string[]>).eth0![0]);
    expect(byId.get('new-01')).toMatchObject({ status: 'pending', os: null, ip: null });
    expect(byId.get('rogue-01')).toMatchObject({ status: 'rejected' });
    expect(byId.get('clone-01')).toMatchObject({ status: 'denied' });
    expect(body.is_stale).toBe(false);
    expect(Date.now() - Date.parse(body.last_refreshed_at)).toBeLessThan(60_000);
  });

  it('searches id, OS and IP case-insensitively and filters by status and OS family', async () => {
    const ids = async (query: string) => (await get(query, viewer)).json().minions.map((m: { id: string }) => m.id);
    expect(await ids('?q=WEB')).toEqual(['web-01', 'web-02']);
    const ip = (await get('/web-02', viewer)).json().ip as string;
    expect(await ids(`?q=${encodeURIComponent(ip)}`)).toEqual(['web-02']);
    const debian = sim.minionIds().filter((id) => sim.grains(id)!.os === 'Debian');
    expect(await ids('?q=debian')).toEqual(debian);
    expect(await ids('?q=%25')).toEqual([]);
    expect(await ids('?status=pending')).toEqual(['new-01', 'new-02', 'new-03']);
    const offline = sim.minionIds().filter((id) => !sim.onlineMinionIds().includes(id));
    expect(await ids('?status=offline')).toEqual(offline);
    expect(await ids('?status=online')).toEqual(sim.onlineMinionIds());
    const family = sim.grains('db-01')!.os_family as string;
    expect(await ids(`?os_family=${family.toLowerCase()}`)).toEqual(sim.minionIds().filter((id) => sim.grains(id)!.os_family === family));
    expect((await get('?status=sleeping', viewer)).statusCode).toBe(422);
  });

  it('shows a role scoped to view:minion:web-* only those minions, and 403 on the others', async () => {
    const scoped = await cookieWith(['view:minion:web-*']);
    const list = (await get('', scoped)).json();
    expect(list.minions.map((m: { id: string }) => m.id)).toEqual(['web-01', 'web-02']);
    expect(list.total).toBe(2);
    expect((await get('/web-01', scoped)).statusCode).toBe(200);
    expect((await get('/db-01', scoped)).statusCode).toBe(403);
    expect((await get('/db-01/runs', scoped)).statusCode).toBe(403);
    const denial = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', 'minion:db-01').executeTakeFirst();
    expect(denial).toMatchObject({ decision: 'deny', result_code: 403 });
  });

  it('marks the snapshot stale once its oldest refresh is over ten minutes old', async () => {
    const old = new Date(Date.now() - 11 * 60_000).toISOString();
    await t.fd.database.db.updateTable('minion_snapshots').set({ presence_refreshed_at: old }).where('minion_id', '=', 'app-03').execute();
    expect((await get('', viewer)).json()).toMatchObject({ last_refreshed_at: old, is_stale: true });
    expect((await get('/app-03', viewer)).json()).toMatchObject({ last_refreshed_at: old, is_stale: true });
    expect((await get('/app-04', viewer)).json().is_stale).toBe(false);
    await t.fd.services.minionState.refreshPresence();
  });
});

describe('GET /api/minions/{id}', () => {
  it('returns the status, IP and the grains, and 404 for an unknown minion', async () => {
    const response = await get('/db-01', viewer);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: 'db-01', status: 'online', grains: sim.grains('db-01'), is_stale: false });
    const missing = await get('/nope-99', viewer);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Minion not found');
    expect((await get('/new-02', viewer)).json()).toMatchObject({ status: 'pending', grains: null, ip: null });
  });
});

describe('GET /api/minions/{id}/runs and /compliance', () => {
  const run = (minutesAgo: number, counts: { pass?: number; fail?: number; change?: number; blocked?: boolean }) => {
    const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const pass = counts.pass ?? 0;
    const fail = counts.fail ?? 0;
    return {
      id: randomUUID(), minion_id: 'web-01', jid: `20260602100000${String(minutesAgo).padStart(6, '0')}`, function: 'state.apply',
      started_at: at, completed_at: at, pass_count: pass, fail_count: fail, change_count: counts.change ?? 0,
      total_count: pass + fail, duration_ms: 1200, blocked: counts.blocked ? 1 : 0, raw_result_json: '{}',
    };
  };

  beforeAll(async () => {
    await t.fd.database.db.insertInto('highstate_runs').values([
      run(40, { pass: 10 }), run(30, { pass: 8, change: 2 }), run(20, { pass: 7, fail: 3 }), run(10, { blocked: true }),
    ]).execute();
  });

  it('lists runs newest first with their derived status', async () => {
    const body = (await get('/web-01/runs', viewer)).json();
    expect(body.minion_id).toBe('web-01');
    expect(body.total).toBe(4);
    expect(body.runs.map((r: { status: string }) => r.status)).toEqual(['blocked', 'unhealthy', 'changed', 'healthy']);
    expect(body.runs[1]).toMatchObject({ fun: 'state.apply', pass_count: 7, fail_count: 3, total_count: 10, duration_ms: 1200, blocked: false });
    const limited = (await get('/web-01/runs?limit=2', viewer)).json();
    expect(limited).toMatchObject({ total: 4 });
    expect(limited.runs).toHaveLength(2);
    expect((await get('/ghost-01/runs', viewer)).json()).toEqual({ minion_id: 'ghost-01', total: 0, runs: [] });
    expect((await get('/web-01/runs?limit=0', viewer)).statusCode).toBe(422);
    expect((await get('/web-01/runs?limit=201', viewer)).statusCode).toBe(422);
  });

  it('gives the compliance buckets oldest first, the newest `limit` of them', async () => {
    const body = (await get('/web-01/compliance?limit=3', viewer)).json();
    expect(body.minion_id).toBe('web-01');
    expect(body.buckets.map((b: { status: string }) => b.status)).toEqual(['changed', 'unhealthy', 'blocked']);
    expect(Object.keys(body.buckets[0]).sort()).toEqual(['change_count', 'completed_at', 'fail_count', 'jid', 'pass_count', 'status', 'total_count']);
    expect((await get('/web-01/compliance', viewer)).json().buckets).toHaveLength(4);
  });
});
