import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import { parseStateJob } from '../../../src/salt/client/parse/highstate-job.js';
import { type SaltApiSimulator, startSaltApiSimulator } from '../../../src/sim/salt-api/index.js';

let sim: SaltApiSimulator;
let salt: SaltClient;

beforeAll(async () => {
  sim = await startSaltApiSimulator({ port: 0, minions: 4, offlineMinions: 0, historyJobs: 5, jobDurationMs: 200, authRetryMs: 50 });
  salt = createSaltClient({ url: sim.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: false }, { timeoutMs: 15_000 });
});

afterAll(async () => {
  await salt.close();
  await sim.close();
});

describe('Salt-API client against the bundled simulator', () => {
  it('logs in and pings every minion with local test.ping', async () => {
    await salt.login();
    const answers = await salt.local('*', 'test.ping');
    expect(Object.keys(answers).sort()).toEqual(sim.minionIds());
    expect(Object.values(answers).every((answer) => answer === true)).toBe(true);
  });

  it('starts a job with local_async and collects its returns with lookup_jid', async () => {
    const job = await salt.localAsync({ tgt: sim.minionIds().slice(0, 2), type: 'list' }, 'test.echo', { arg: ['hello'] });
    expect(job?.minions).toEqual(sim.minionIds().slice(0, 2));
    const jid = job?.jid ?? '';
    await expect.poll(async () => Object.keys(await salt.lookupJid(jid)).length, { timeout: 5_000 }).toBe(2);
    expect(Object.values(await salt.lookupJid(jid))).toEqual(['hello', 'hello']);
    expect((await salt.listJobs()).find((row) => row.jid === jid)).toMatchObject({ function: 'test.echo', target_type: 'list', user: 'salt' });
  });

  it('kills a running job with saltutil.kill_job on its minions', async () => {
    const job = await salt.localAsync('*', 'test.sleep', { arg: [60] });
    const jid = job?.jid ?? '';
    await expect.poll(async () => (await salt.activeJobs()).some((active) => active.jid === jid), { timeout: 5_000 }).toBe(true);
    const killed = await salt.killJob(jid);
    expect(killed.targeted).toEqual(sim.minionIds());
    expect(killed.signalled).toEqual(sim.minionIds());
    expect((await salt.activeJobs()).some((active) => active.jid === jid)).toBe(false);
    expect((await salt.listJob(jid))?.results).toEqual([]);
    expect(await salt.killJob(jid, ['web-01'])).toMatchObject({ signalled: [], notRunning: ['web-01'] });
  });

  it('parses a state run the simulator returns', async () => {
    const { summary, minions } = parseStateJob(await salt.local({ tgt: ['web-01'], type: 'list' }, 'state.apply'));
    expect(minions[0]?.kind).toBe('states');
    expect(summary?.total_minions).toBe(1);
  });

  it('moves a key through accept, reject and delete', async () => {
    const pending = (await salt.keyListAll()).find((key) => key.status === 'pending');
    const id = pending?.id ?? '';
    expect(await salt.keyAccept(id)).toEqual([{ id, status: 'accepted' }]);
    expect(await salt.keyReject(id)).toEqual([{ id, status: 'rejected' }]);
    await salt.keyDelete(id);
    expect((await salt.keyListAll()).filter((key) => key.id === id && key.status !== 'pending')).toEqual([]);
  });

  it('logs in again on its own when Salt stops honouring the token', async () => {
    sim.expireTokens();
    expect(await salt.managePresent()).toEqual(sim.minionIds());
  });
});
