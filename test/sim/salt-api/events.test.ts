import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { expectShape } from './fidelity.js';
import type { Json } from './shape.js';
import { EventStream, type SseEvent } from './sse-client.js';
import { captureText, errorMessage, SaltClient, sleep, startSim } from './support.js';

/** Groups events by what they are: jids, minion ids and hook paths are data, not part of the kind. */
function kind(event: SseEvent): string {
  const tag = event.tag
    .replace(/\d{20}/g, 'JID')
    .replace(/^(salt\/job\/JID\/ret\/|minion\/refresh\/).+$/, '$1M')
    .replace(/^salt\/minion\/.+\/start$/, 'salt/minion/M/start')
    .replace(/^salt\/netapi\/hook\/.+$/, 'salt/netapi/hook/P');
  // A wheel call fires twice: the API's jid (with `tag`) and the master's (with `fun_args`).
  return tag.startsWith('salt/wheel/') ? `${tag} ${'tag' in event.data ? 'api' : 'master'}` : tag;
}

function captureEvents(): Map<string, SseEvent[]> {
  const byKind = new Map<string, SseEvent[]>();
  for (const file of ['events_raw.txt', 'events2.txt', 'events3.txt']) {
    for (const line of captureText(file).split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const event = JSON.parse(line.slice(6)) as SseEvent;
      byKind.set(kind(event), [...(byKind.get(kind(event)) ?? []), event]);
    }
  }
  return byKind;
}

describe('salt-api simulator /events', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;

  beforeAll(async () => {
    sim = await startSim({ pendingKeys: 2 });
    api = new SaltClient(sim.url);
    await api.login();
  });
  afterAll(() => sim.close());

  it('streams retry: 400, then job new and ret events for a local_async job', async () => {
    const { stream, status } = await EventStream.open(`${sim.url}/events?token=${api.token}`);
    expect(status).toBe(200);
    const job = (await api.call({ client: 'local_async', tgt: 'web-01', fun: 'test.ping' })) as { jid: string; minions: string[] };
    const created = await stream.next((e) => e.tag === `salt/job/${job.jid}/new`);
    const ret = await stream.next((e) => e.tag === `salt/job/${job.jid}/ret/web-01`);
    await stream.close();
    expect(stream.raw.startsWith('retry: 400\ntag: ')).toBe(true);
    expect(stream.raw).toContain(`tag: salt/job/${job.jid}/new\ndata: {"data": {"jid": "${job.jid}"`);
    expect(created.data).toMatchObject({ jid: job.jid, tgt: 'web-01', fun: 'test.ping', minions: ['web-01'], missing: [], user: 'salt' });
    expect(ret.data).toMatchObject({ cmd: '_return', id: 'web-01', return: true, retcode: 0, success: true, jid: job.jid });
    expect(String(ret.data._stamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it('refuses a missing, unknown or expired token with 401', async () => {
    expect((await EventStream.open(`${sim.url}/events`)).status).toBe(401);
    const bad = await fetch(`${sim.url}/events?token=deadbeef`);
    expect(bad.status).toBe(401);
    expect(errorMessage(await bad.text())).toBe('No permission -- see authorization schemes');
    const salt = (await new SaltClient(sim.url).request('POST', '/token', { username: 'salt', password: 'salt', eauth: 'pam' })).json() as { token: string }[];
    const { stream, status } = await EventStream.open(`${sim.url}/events?salt_token=${salt[0]?.token}`);
    expect(status).toBe(200);
    await stream.close();
  });

  it('produces every kind of event in the captures, with the captured data shapes', async () => {
    const { stream } = await EventStream.open(`${sim.url}/events`, { headers: { 'X-Auth-Token': api.token } });
    const flapper = sim.minionIds().at(-1) ?? '';
    await api.run([
      { client: 'local', tgt: 'web-01', fun: 'test.ping' },
      { client: 'local', tgt: 'web-01', fun: 'state.apply', arg: ['hello'] },
      { client: 'runner', fun: 'manage.status' },
      { client: 'wheel', fun: 'key.list_all' },
      { client: 'wheel', fun: 'key.accept', match: 'new-01' },
    ]);
    await api.request('POST', '/hook/console/test', { hello: 'world' });
    sim.presenceTick();
    sim.setOnline(flapper, false);
    sim.setOnline(flapper, true);
    // A deleted key of a running minion: AES rotation, then the minion knocks again (pend).
    await api.call({ client: 'wheel', fun: 'key.delete', match: 'cache-01' });
    await stream.next((e) => e.tag === 'salt/auth' && e.data.act === 'pend');
    await stream.next((e) => e.tag === 'salt/minion/new-01/start');
    await sleep(50);
    await stream.close();

    const captured = captureEvents();
    const produced = new Map<string, SseEvent[]>();
    for (const event of stream.events) produced.set(kind(event), [...(produced.get(kind(event)) ?? []), event]);
    expect([...captured.keys()].filter((k) => !produced.has(k))).toEqual([]);
    for (const [k, events] of produced) {
      const expected = captured.get(k);
      if (!expected) continue;
      expectShape({ events: expected as unknown as Json[] }, { events: events as unknown as Json[] }, {
        // Arguments are per call; the hook's headers are whatever the client sent.
        any: ['**.fun_args', '**.arg'], maps: ['**.headers'],
      }, `events of kind ${k}`);
    }
  });
});
