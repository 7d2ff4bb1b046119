import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import type { Json } from './shape.js';
import { SaltClient, startSim, waitFor } from './support.js';

type Obj = Record<string, Json>;

describe('salt-api simulator jobs', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;

  beforeAll(async () => {
    sim = await startSim({ jobDurationMs: 300 });
    api = new SaltClient(sim.url);
    await api.login();
  });
  afterAll(() => sim.close());

  const active = async (): Promise<Obj> => (await api.call({ client: 'runner', fun: 'jobs.active' })) as Obj;

  it('lists a long job in jobs.active until saltutil.kill_job ends it, as Salt does', async () => {
    const job = (await api.call({ client: 'local_async', tgt: 'web-0*', fun: 'test.sleep', arg: [120] })) as { jid: string; minions: string[] };
    const entry = (await active())[job.jid] as Obj;
    expect(entry).toMatchObject({ Function: 'test.sleep', Arguments: [120], Target: 'web-0*', 'Target-type': 'glob', User: 'salt', Returned: [] });
    expect((entry.Running as Obj[]).map((r) => Object.keys(r)[0]).sort()).toEqual(job.minions);
    const pid = (entry.Running as Obj[]).find((r) => 'web-01' in r)?.['web-01'];

    const killed = (await api.call({ client: 'local', tgt: 'web-01', fun: 'saltutil.kill_job', arg: [job.jid] })) as Obj;
    expect(killed).toEqual({ 'web-01': `Signal 9 sent to job ${job.jid} at pid ${pid}` });
    const rest = job.minions.filter((id) => id !== 'web-01');
    expect(((await active())[job.jid] as Obj).Running).toEqual(expect.not.arrayContaining([expect.objectContaining({ 'web-01': pid })]));
    await api.call({ client: 'local', tgt: rest, tgt_type: 'list', fun: 'saltutil.term_job', arg: [job.jid] });
    expect((await active())[job.jid]).toBeUndefined();
    // A killed job never returns: the lookup has no entry for its minions.
    expect(await api.call({ client: 'runner', fun: 'jobs.lookup_jid', jid: job.jid })).toEqual({});
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'saltutil.find_job', arg: [job.jid] })).toEqual({ 'web-01': {} });
  });

  it('records returns in the job cache: list_job Result, retcodes, outputter and lookup_jid', async () => {
    const ret = (await api.call({ client: 'local', tgt: ['db-01', 'web-01'], tgt_type: 'list', fun: 'state.apply', arg: ['broken'], full_return: true })) as Record<string, Obj>;
    expect(ret['db-01']).toMatchObject({ out: 'highstate', retcode: 2 });
    const jid = String(ret['db-01']?.jid);
    const job = (await api.call({ client: 'runner', fun: 'jobs.list_job', jid })) as Obj;
    expect(job).toMatchObject({ jid, Function: 'state.apply', Arguments: ['broken'], Target: ['db-01', 'web-01'], 'Target-type': 'list', Minions: ['db-01', 'web-01'] });
    expect((job.Result as Record<string, Obj>)['db-01']).toMatchObject({ retcode: 2, success: false, out: 'highstate' });
    const lookup = (await api.call({ client: 'runner', fun: 'jobs.lookup_jid', jid })) as Obj;
    expect(lookup.outputter).toBe('highstate');
    const states = (lookup.data as Record<string, Record<string, Obj>>)['db-01'] ?? {};
    expect(Object.values(states).map((s) => [s.__run_num__, s.result])).toEqual([[0, false], [1, false]]);
    const unknown = (await api.call({ client: 'runner', fun: 'jobs.list_job', jid: '20200101000000000000' })) as Obj;
    expect(unknown).toMatchObject({ Error: 'Cannot contact returner or no job with this jid', StartTime: '2020, Jan 01 00:00:00.000000', Result: {} });
  });

  it('highstates pass, change and fail; test=True reports result None with changes', async () => {
    const test = (await api.call({ client: 'local', tgt: 'cache-01', fun: 'state.apply', kwarg: { test: true } })) as Record<string, Record<string, Obj>>;
    const planned = Object.values(test['cache-01'] ?? {});
    expect(planned.some((s) => s.result === null)).toBe(true);
    expect(planned.every((s) => s.result !== false)).toBe(true);
    const first = (await api.call({ client: 'local', tgt: 'cache-01', fun: 'state.highstate' })) as Record<string, Record<string, Obj>>;
    const second = (await api.call({ client: 'local', tgt: 'cache-01', fun: 'state.highstate' })) as Record<string, Record<string, Obj>>;
    const changed = (run: Record<string, Record<string, Obj>>): number =>
      Object.values(run['cache-01'] ?? {}).filter((s) => s.result === true && Object.keys(s.changes as Obj).length > 0 && !String(s.__id__).endsWith('healthcheck')).length;
    expect(changed(first)).toBeGreaterThanOrEqual(changed(second));
    for (const state of Object.values(first['cache-01'] ?? {})) {
      expect(state).toMatchObject({ __sls__: expect.any(String), __run_num__: expect.any(Number), duration: expect.any(Number) });
      expect(String(state.start_time)).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{6}$/);
    }
    const broken = sim.minionIds().filter((id) => id !== 'cache-01');
    const all = (await api.call({ client: 'local', tgt: broken, tgt_type: 'list', fun: 'state.apply', full_return: true })) as Record<string, Obj>;
    expect(Object.values(all).some((r) => r.retcode === 2)).toBe(true);
  });

  it('answers unknown functions as the minion does, and unknown runners with a 500', async () => {
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'nosuch.fn' })).toEqual({ 'web-01': "'nosuch.fn' is not available." });
    const runner = await api.request('POST', '/', [{ client: 'runner', fun: 'saltutil.kill_job', jid: '1' }]);
    expect(runner.status).toBe(500);
    expect(runner.json()).toEqual({ status: 500, return: 'An unexpected error occurred' });
    const noTgt = await api.request('POST', '/', [{ client: 'local', fun: 'test.ping' }]);
    expect(noTgt.status).toBe(500);
  });

  it('offline minions: targeted, never return, false in local, missing from lookups', async () => {
    const down = 'cache-01';
    sim.setOnline(down, false);
    try {
      expect(sim.onlineMinionIds()).not.toContain(down);
      const ping = (await api.call({ client: 'local', tgt: ['web-01', down], tgt_type: 'list', fun: 'test.ping', timeout: 0.2, gather_job_timeout: 0.2 })) as Obj;
      expect(ping).toEqual({ 'web-01': true, [down]: false });
      const job = (await api.call({ client: 'local_async', tgt: ['web-01', down], tgt_type: 'list', fun: 'test.ping' })) as { jid: string; minions: string[] };
      expect(job.minions).toEqual([down, 'web-01']);
      await waitFor(async () => ((await api.call({ client: 'runner', fun: 'jobs.lookup_jid', jid: job.jid })) as Obj)['web-01']);
      expect(await api.call({ client: 'runner', fun: 'jobs.lookup_jid', jid: job.jid })).toEqual({ 'web-01': true });
      expect(await api.call({ client: 'runner', fun: 'jobs.lookup_jid', jid: job.jid, missing: true })).toEqual({ 'web-01': true, [down]: 'Minion did not return' });
      expect(await api.call({ client: 'runner', fun: 'manage.status' })).toMatchObject({ down: [down] });
      expect(await api.call({ client: 'runner', fun: 'manage.present' })).not.toContain(down);
    } finally {
      sim.setOnline(down, true);
    }
    expect(await api.call({ client: 'local', tgt: down, fun: 'test.ping' })).toEqual({ [down]: true });
  });

  it('filters jobs.list_jobs by start_time and function', async () => {
    const job = (await api.call({ client: 'local_async', tgt: 'web-01', fun: 'test.version' })) as { jid: string };
    const start = (await api.call({ client: 'runner', fun: 'jobs.list_job', jid: job.jid })) as Obj;
    const recent = (await api.call({ client: 'runner', fun: 'jobs.list_jobs', start_time: start.StartTime })) as Obj;
    expect(Object.keys(recent)).toContain(job.jid);
    expect(Object.keys(recent).every((jid) => jid >= job.jid)).toBe(true);
    const later = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '');
    expect(await api.call({ client: 'runner', fun: 'jobs.list_jobs', start_time: later })).toEqual({});
    const versions = (await api.call({ client: 'runner', fun: 'jobs.list_jobs', search_function: 'test.vers*' })) as Record<string, Obj>;
    expect(Object.values(versions).every((j) => j.Function === 'test.version')).toBe(true);
  });

  it('runs grains, pkg, cmd and sys functions with their real argument forms', async () => {
    const web = sim.grains('web-01') ?? {};
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'grains.item', arg: ['os', 'roles'] })).toEqual({ 'web-01': { os: web.os, roles: web.roles } });
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'grains.get', arg: ['os_family'] })).toEqual({ 'web-01': web.os_family });
    const pkgs = (await api.call({ client: 'local', tgt: 'web-01', fun: 'pkg.list_pkgs', kwarg: { attr: 'version,arch' } })) as Record<string, Record<string, Json>>;
    expect(Object.values(pkgs['web-01'] ?? {})[0]).toEqual([{ version: expect.any(String), arch: expect.any(String) }]);
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'cmd.run', arg: ['hostname'] })).toEqual({ 'web-01': 'web-01' });
    expect(await api.call({ client: 'local', tgt: 'web-01', fun: 'test.version' })).toEqual({ 'web-01': web.saltversion });
    const modules = (await api.call({ client: 'local', tgt: 'web-01', fun: 'sys.list_modules' })) as Record<string, string[]>;
    expect(modules['web-01']).toEqual(expect.arrayContaining(['cmd', 'grains', 'pkg', 'saltutil', 'state', 'sys', 'test']));
    const batch = (await api.run([{ client: 'local_batch', tgt: 'web-0*', fun: 'test.ping', batch: '2' }])) as { return: Obj[] };
    expect(batch.return.length).toBe(sim.minionIds().filter((id) => id.startsWith('web-0')).length);
  });
});
