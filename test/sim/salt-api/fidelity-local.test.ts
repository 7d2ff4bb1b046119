import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { expectCaptureShape, expectShape } from './fidelity.js';
import type { Json } from './shape.js';
import { captureText, SaltClient, startSim } from './support.js';

/** Replays, against the simulator, the requests that produced the local-client and minion captures. */
describe('salt-api simulator fidelity: local client, states and minions', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;

  beforeAll(async () => {
    sim = await startSim();
    api = new SaltClient(sim.url);
    await api.login();
  });
  afterAll(() => sim.close());

  it('ping.json: local test.ping on *', async () => {
    expectCaptureShape('ping.json', await api.run([{ client: 'local', tgt: '*', fun: 'test.ping' }]));
  });

  it('ping_full.json: local test.ping with full_return', async () => {
    expectCaptureShape('ping_full.json', await api.run([{ client: 'local', tgt: 'web-01', fun: 'test.ping', full_return: true }]));
  });

  it('local_async.json and async_down.json: local_async, also with a minion down', async () => {
    expectCaptureShape('local_async.json', await api.run([{ client: 'local_async', tgt: '*', fun: 'test.ping' }]));
    const down = sim.minionIds().at(-1) ?? '';
    sim.setOnline(down, false);
    const body = (await api.run([{ client: 'local_async', tgt: '*', fun: 'test.ping' }])) as { return: { minions: string[] }[] };
    expectCaptureShape('async_down.json', body);
    expect(body.return[0]?.minions).toContain(down);
    sim.setOnline(down, true);
  });

  it('run_creds.json: POST /run with eauth credentials in the chunk', async () => {
    const anon = new SaltClient(sim.url);
    const reply = await anon.request('POST', '/run', [{ client: 'local', tgt: 'db-01', fun: 'cmd.run', arg: ['echo hi'], username: 'salt', password: 'salt', eauth: 'pam' }]);
    expectCaptureShape('run_creds.json', reply.json());
    expect(reply.json()).toEqual({ return: [{ 'db-01': 'hi' }] });
  });

  it('grains_items.json, minion_db01.json, minions.json: grains of one minion and of all', async () => {
    expectCaptureShape('grains_items.json', await api.run([{ client: 'local', tgt: 'web-01', fun: 'grains.items' }]));
    expectCaptureShape('minion_db01.json', (await api.request('GET', '/minions/db-01')).json());
    expectCaptureShape('minions.json', (await api.request('GET', '/minions')).json());
  });

  it('minions_post.txt: POST /minions answers 202 with a job link', async () => {
    const reply = await api.request('POST', '/minions', [{ tgt: 'web-01', fun: 'test.ping' }]);
    const raw = captureText('minions_post.txt');
    expect(reply.status).toBe(Number(/^HTTP\/1\.1 (\d+)/.exec(raw)?.[1]));
    expect(reply.headers.get('content-type')).toBe('application/json');
    expectShape(JSON.parse(raw.slice(raw.search(/\r?\n\r?\n/)).trim()) as Json, reply.json(), {}, 'minions_post.txt');
  });

  it('pkg_list.json: local pkg.list_pkgs', async () => {
    expectCaptureShape('pkg_list.json', await api.run([{ client: 'local', tgt: 'web-01', fun: 'pkg.list_pkgs' }]), { maps: ['return.[].{}'] });
  });

  it('sys_doc.json and sys_list_functions.json', async () => {
    expectCaptureShape('sys_doc.json', await api.run([{ client: 'local', tgt: 'web-01', fun: 'sys.doc', arg: ['test.ping'] }]));
    const functions = await api.run([{ client: 'local', tgt: 'web-01', fun: 'sys.list_functions', arg: ['test'] }]);
    expectCaptureShape('sys_list_functions.json', functions);
    const captured = JSON.parse(captureText('sys_list_functions.json')) as { return: Record<string, string[]>[] };
    expect((functions as { return: Record<string, string[]>[] }).return[0]?.['web-01']).toEqual(captured.return[0]?.['web-01']);
  });

  it('state_apply.json, state_broken.json, state_highstate.json, state_missing.json', async () => {
    const list = ['cache-01', 'db-01', 'web-01'];
    expectCaptureShape('state_apply.json', await api.run([{ client: 'local', tgt: list, tgt_type: 'list', fun: 'state.apply', arg: ['hello'] }]));
    expectCaptureShape('state_broken.json', await api.run([{ client: 'local', tgt: 'db-01', fun: 'state.apply', arg: ['broken'] }]));
    expectCaptureShape('state_highstate.json', await api.run([{ client: 'local', tgt: 'cache-01', fun: 'state.highstate' }]));
    expectCaptureShape('state_missing.json', await api.run([{ client: 'local', tgt: 'web-01', fun: 'state.apply', arg: ['doesnotexist'] }]));
  });

  it('state_test_full.json: state.apply test=True with full_return', async () => {
    const body = await api.run([{ client: 'local', tgt: 'web-01', fun: 'state.apply', arg: ['hello'], kwarg: { test: true }, full_return: true }]);
    expectCaptureShape('state_test_full.json', body);
  });

  it('find_job.json, kill_job.json, kill_job_again.json: a long job found, killed, then gone', async () => {
    const started = (await api.call({ client: 'local_async', tgt: 'db-01', fun: 'test.sleep', arg: [120] })) as { jid: string };
    expectCaptureShape('find_job.json', await api.run([{ client: 'local', tgt: 'db-01', fun: 'saltutil.find_job', arg: [started.jid] }]));
    expectCaptureShape('kill_job.json', await api.run([{ client: 'local', tgt: 'db-01', fun: 'saltutil.kill_job', arg: [started.jid] }]));
    expectCaptureShape('kill_job_again.json', await api.run([{ client: 'local', tgt: 'db-01', fun: 'saltutil.kill_job', arg: [started.jid] }]));
  });
});
