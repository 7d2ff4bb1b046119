import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import type { Json } from './shape.js';
import { SaltClient, startSim, waitFor } from './support.js';

type KeyLists = Record<string, string[]>;

describe('salt-api simulator keys', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;

  beforeAll(async () => {
    sim = await startSim({ pendingKeys: 3, rejectedKeys: 1, deniedKeys: 1 });
    api = new SaltClient(sim.url);
    await api.login();
  });
  afterAll(() => sim.close());

  /** `data.return` of a wheel call. */
  async function wheel(fun: string, extra: Record<string, unknown> = {}): Promise<Json> {
    const envelope = (await api.call({ client: 'wheel', fun, ...extra })) as { tag: string; data: { return: Json; success: boolean; user: string } };
    expect(envelope.tag).toMatch(/^salt\/wheel\/\d{20}$/);
    expect(envelope.data).toMatchObject({ success: true, user: 'salt' });
    return envelope.data.return;
  }
  const present = async (): Promise<string[]> => (await api.call({ client: 'runner', fun: 'manage.present' })) as string[];

  it('starts with pending, rejected and denied keys besides the accepted ones', async () => {
    const keys = (await wheel('key.list_all')) as KeyLists;
    expect(keys).toEqual({ minions: sim.minionIds(), minions_pre: ['new-01', 'new-02', 'new-03'], minions_rejected: ['rogue-01'], minions_denied: ['clone-01'], local: ['master.pem', 'master.pub'] });
    expect(await wheel('key.list', { match: 'pre' })).toEqual({ minions_pre: ['new-01', 'new-02', 'new-03'] });
  });

  it('accepts a pending key; the minion then authenticates and becomes present', async () => {
    expect(await wheel('key.accept', { match: 'new-01' })).toEqual({ minions: ['new-01'] });
    expect(sim.minionIds()).toContain('new-01');
    await waitFor(async () => ((await present()).includes('new-01') ? true : undefined));
    expect(await api.call({ client: 'local', tgt: 'new-01', fun: 'test.ping' })).toEqual({ 'new-01': true });
    expect(await wheel('key.accept', { match: 'nobody-*' })).toEqual({});
  });

  it('rejects an accepted key only with include_accepted (otherwise answers its current group)', async () => {
    expect(await wheel('key.reject', { match: 'new-01' })).toEqual({ minions: ['new-01'] });
    expect(await wheel('key.reject', { match: 'new-01', include_accepted: true, include_denied: true })).toEqual({ minions_rejected: ['new-01'] });
    expect(await present()).not.toContain('new-01');
    expect(await api.call({ client: 'local_async', tgt: 'new-01', fun: 'test.ping' })).toEqual({});
  });

  it('accepts rejected and denied keys only when asked to include them', async () => {
    expect(await wheel('key.accept', { match: 'rogue-01' })).toEqual({ minions_rejected: ['rogue-01'] });
    expect(await wheel('key.accept', { match: 'rogue-01', include_rejected: true })).toEqual({ minions: ['rogue-01'] });
    expect(await wheel('key.accept', { match: 'clone-01', include_rejected: true, include_denied: true })).toEqual({ minions: ['clone-01'] });
  });

  it('deletes keys (answering {}); a deleted minion that still runs comes back as pending', async () => {
    expect(await wheel('key.delete', { match: 'new-02' })).toEqual({});
    expect(await wheel('key.delete', { match: 'cache-01' })).toEqual({});
    expect((sim.keys() as KeyLists).minions).not.toContain('cache-01');
    await waitFor(() => ((sim.keys() as KeyLists).minions_pre?.includes('cache-01') ? true : undefined));
    expect(await wheel('key.accept', { match: 'cache-01' })).toEqual({ minions: ['cache-01'] });
  });

  it('takes lists and comma-separated matches, and the *_dict variants', async () => {
    expect(await wheel('key.name_match', { match: 'web-01,db-01' })).toEqual({ minions: ['db-01', 'web-01'] });
    expect(await wheel('key.finger', { match: ['web-01'] })).toEqual({ minions: { 'web-01': expect.stringMatching(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/) } });
    expect(await wheel('key.reject_dict', { match: { minions_pre: ['new-03'] } })).toEqual({ minions_rejected: ['new-03'] });
  });

  it('fires salt/key events for each change', async () => {
    const events: { tag: string; act: unknown; id: unknown }[] = [];
    const stop = sim.onEvent((e) => {
      if (e.tag === 'salt/key') events.push({ tag: e.tag, act: e.data.act, id: e.data.id });
    });
    await wheel('key.reject', { match: 'new-03', include_accepted: true });
    await wheel('key.accept', { match: 'new-03', include_rejected: true });
    await wheel('key.delete', { match: 'new-03' });
    stop();
    expect(events).toEqual([{ tag: 'salt/key', act: 'accept', id: 'new-03' }, { tag: 'salt/key', act: 'delete', id: 'new-03' }]);
  });

  it('POST /keys generates and accepts a key pair, answered as a tarball', async () => {
    const reply = await fetch(`${sim.url}/keys`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'mid=kiosk-01&username=salt&password=salt&eauth=pam',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/x-tar');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="saltkeys-kiosk-01.tar"');
    const tar = Buffer.from(await reply.arrayBuffer());
    expect(tar.subarray(0, 10).toString()).toBe('minion.pub');
    expect(tar.toString('latin1')).toContain('-----BEGIN PUBLIC KEY-----');
    expect((sim.keys() as KeyLists).minions).toContain('kiosk-01');
  });
});
