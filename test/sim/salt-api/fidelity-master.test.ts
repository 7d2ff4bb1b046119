import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { expectCaptureShape, expectShape } from './fidelity.js';
import type { Json } from './shape.js';
import { captureJson, SaltClient, startSim } from './support.js';

/** `GET /stats` names its server entry after a Python object id; both sides get the same name here. */
function normaliseStats(value: Json): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/^Cheroot HTTPServer \d+$/, 'Cheroot HTTPServer N'), v]));
}

/** Replays the runner, wheel, key, login and job-cache captures against the simulator. */
describe('salt-api simulator fidelity: runners, wheel, keys and sessions', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;
  let sleepJid = '';

  beforeAll(async () => {
    sim = await startSim({ pendingKeys: 2 });
    api = new SaltClient(sim.url);
    await api.login();
    // The job the job-cache captures describe: a finished test.sleep on every minion.
    const body = (await api.call({ client: 'local', tgt: '*', fun: 'test.sleep', arg: [0.2], full_return: true })) as Record<string, { jid: string }>;
    sleepJid = Object.values(body)[0]?.jid ?? '';
  });
  afterAll(() => sim.close());

  it('login_readonly.json: POST /login', async () => {
    expectCaptureShape('login_readonly.json', (await new SaltClient(sim.url).login()).json());
  });

  it('token.json: POST /token answers a bare list', async () => {
    const reply = await new SaltClient(sim.url).request('POST', '/token', { username: 'salt', password: 'salt', eauth: 'sharedsecret' });
    expectCaptureShape('token.json', reply.json());
    expect(String((reply.json() as { token: string }[])[0]?.token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('jobs_get.json and list_jobs.json: the job list', async () => {
    expectCaptureShape('jobs_get.json', (await api.request('GET', '/jobs')).json());
    expectCaptureShape('list_jobs.json', await api.run([{ client: 'runner', fun: 'jobs.list_jobs' }]));
  });

  it('jobs_jid.json and list_job.json: one job with its results', async () => {
    expectCaptureShape('jobs_jid.json', (await api.request('GET', `/jobs/${sleepJid}`)).json());
    expectCaptureShape('list_job.json', await api.run([{ client: 'runner', fun: 'jobs.list_job', jid: sleepJid }]));
  });

  it('lookup_jid.json and lookup_jid_state.json: plain and highstate-wrapped lookups', async () => {
    expectCaptureShape('lookup_jid.json', await api.run([{ client: 'runner', fun: 'jobs.lookup_jid', jid: sleepJid }]));
    const state = (await api.call({ client: 'local', tgt: 'web-01', fun: 'state.apply', arg: ['hello'], full_return: true })) as Record<string, { jid: string }>;
    const lookup = await api.run([{ client: 'runner', fun: 'jobs.lookup_jid', jid: state['web-01']?.jid }]);
    expectCaptureShape('lookup_jid_state.json', lookup);
  });

  it('jobs_active.json: a running job in jobs.active', async () => {
    const job = (await api.call({ client: 'local_async', tgt: '*', fun: 'test.sleep', arg: [8] })) as { jid: string };
    expectCaptureShape('jobs_active.json', await api.run([{ client: 'runner', fun: 'jobs.active' }]));
    await api.call({ client: 'local', tgt: '*', fun: 'saltutil.kill_job', arg: [job.jid] });
  });

  it('manage_status.json and manage_up.json', async () => {
    expectCaptureShape('manage_status.json', await api.run([{ client: 'runner', fun: 'manage.status' }]));
    expectCaptureShape('manage_up.json', await api.run([{ client: 'runner', fun: 'manage.up' }]));
  });

  it('runner_async.json and wheel_async.json', async () => {
    expectCaptureShape('runner_async.json', await api.run([{ client: 'runner_async', fun: 'manage.status' }]));
    expectCaptureShape('wheel_async.json', await api.run([{ client: 'wheel_async', fun: 'key.list_all' }]));
  });

  it('key_list_all.json, keys.json, keys_web01.json: the key lists and a fingerprint', async () => {
    expectCaptureShape('key_list_all.json', await api.run([{ client: 'wheel', fun: 'key.list_all' }]));
    expectCaptureShape('keys.json', (await api.request('GET', '/keys')).json());
    const finger = (await api.request('GET', '/keys/web-01')).json();
    expectCaptureShape('keys_web01.json', finger);
    expect((finger as { return: { minions: Record<string, string> } }).return.minions['web-01']).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
  });

  it('key_accept.json, key_reject_noinc.json, key_reject.json, key_delete.json: the capture rig\'s key session', async () => {
    const wheel = (fun: string, extra: Record<string, unknown>) => api.run([{ client: 'wheel', fun, match: 'new-01', ...extra }]);
    expectCaptureShape('key_accept.json', await wheel('key.accept', { include_rejected: false, include_denied: false }));
    const noinc = await wheel('key.reject', {});
    expectCaptureShape('key_reject_noinc.json', noinc);
    expect((noinc as { return: { data: { return: Json } }[] }).return[0]?.data.return).toEqual({ minions: ['new-01'] });
    expectCaptureShape('key_reject.json', await wheel('key.reject', { include_accepted: true, include_denied: false }));
    expectCaptureShape('key_delete.json', await wheel('key.delete', {}));
  });

  it('stats.json: GET /stats', async () => {
    const actual = normaliseStats((await api.request('GET', '/stats')).json());
    expectShape(normaliseStats(captureJson('stats.json')), actual, {
      maps: ['CherryPy Applications.Requests', 'Cheroot HTTPServer N.Worker Threads'],
    }, 'stats.json');
  });
});
