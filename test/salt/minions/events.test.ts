import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeEvent, type SaltEvent } from '../../../src/salt/client/parse/events.js';
import { DEFAULT_POLLERS } from '../../../src/salt/settings/schema.js';
import { minionWorkers, pollerWorker } from '../../../src/salt/minions/worker.js';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { awaitLiveEvents, connectSalt, startSim, waitFor } from './harness.js';

let t: TestApp;
let sim: SaltApiSimulator;

const snapshot = (id: string) => t.fd.database.db.selectFrom('minion_snapshots').selectAll().where('minion_id', '=', id).executeTakeFirst();
const stamp = () => new Date().toISOString().replace('Z', '000');
const event = (tag: string, data: Record<string, unknown>): SaltEvent => {
  const normalised = normalizeEvent({ tag, data: { ...data, _stamp: stamp() } });
  if (!normalised) throw new Error(`${tag} is not a tracked event`);
  return normalised;
};

beforeAll(async () => {
  sim = await startSim();
  t = await createTestApp();
  await connectSalt(t, sim);
  await t.fd.services.minionState.refreshKeys();
  await t.fd.services.minionState.refreshPresence();
  await awaitLiveEvents(t);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('minion snapshot from bus events', () => {
  it('applies key, start and presence events directly', async () => {
    const state = t.fd.services.minionState;
    await state.onEvent(event('salt/auth', { act: 'pend', id: 'brand-new-01', result: true }));
    expect(await snapshot('brand-new-01')).toMatchObject({ key_status: 'pending', online: 0 });
    await state.onEvent(event('salt/key', { act: 'accept', id: 'brand-new-01', result: true }));
    expect(await snapshot('brand-new-01')).toMatchObject({ key_status: 'accepted', online: 0 });
    await state.onEvent(event('salt/minion/brand-new-01/start', { id: 'brand-new-01' }));
    expect(await snapshot('brand-new-01')).toMatchObject({ online: 1 });
    expect((await snapshot('brand-new-01'))!.last_seen_at).not.toBeNull();
    await state.onEvent(event('salt/presence/change', { new: [], lost: ['brand-new-01'] }));
    expect(await snapshot('brand-new-01')).toMatchObject({ online: 0 });
    await state.onEvent(event('salt/key', { act: 'reject', id: 'brand-new-01', result: true }));
    expect(await snapshot('brand-new-01')).toMatchObject({ key_status: 'rejected' });
    await state.onEvent(event('salt/key', { act: 'delete', id: 'brand-new-01', result: true }));
    expect(await snapshot('brand-new-01')).toBeUndefined();
  });

  it('follows a minion going down and coming back through the stream, grains included', async () => {
    await t.fd.database.db.updateTable('minion_snapshots').set({ grains_json: null }).where('minion_id', '=', 'web-02').execute();
    sim.setOnline('web-02', false);
    expect(await waitFor(async () => (await snapshot('web-02'))?.online === 0)).toBe(true);
    sim.setOnline('web-02', true);
    expect(await waitFor(async () => (await snapshot('web-02'))?.online === 1)).toBe(true);
    expect(await waitFor(async () => (await snapshot('web-02'))?.grains_json != null)).toBe(true);
    expect(JSON.parse((await snapshot('web-02'))!.grains_json!)).toEqual(sim.grains('web-02'));
  });

  it('drops a key deleted on the master from the snapshot without waiting for a poll', async () => {
    expect(await snapshot('clone-01')).toMatchObject({ key_status: 'denied' });
    sim.setOnline('clone-01', false);
    await t.fd.services.salt.client().keyDelete('clone-01');
    expect(await waitFor(async () => (await snapshot('clone-01')) === undefined)).toBe(true);
  });

  it('shows a minion that re-requests a deleted key as pending, then accepted and online', async () => {
    await t.fd.services.salt.client().keyDelete('edge-01');
    expect(await waitFor(async () => (await snapshot('edge-01'))?.key_status === 'pending')).toBe(true);
    await t.fd.services.salt.client().keyAccept('edge-01');
    expect(await waitFor(async () => (await snapshot('edge-01'))?.online === 1)).toBe(true);
    expect(await snapshot('edge-01')).toMatchObject({ key_status: 'accepted' });
  });
});

describe('minion workers', () => {
  it('builds one poller per non-zero interval, and the event listener only with the stream on', () => {
    const state = t.fd.services.minionState;
    const log = t.fd.app.log;
    const build = (pollers: typeof DEFAULT_POLLERS) => minionWorkers(state, t.fd.services.saltEvents)
      .map((factory) => factory({ client: t.fd.services.salt.client(), pollers, log }))
      .filter((worker) => worker !== null)
      .map((worker) => worker.name);
    expect(build(DEFAULT_POLLERS)).toEqual(['minion-keys', 'minion-presence', 'minion-grains', 'minion-events']);
    expect(build({ ...DEFAULT_POLLERS, minion_state_presence_interval_seconds: 0, event_stream_enabled: false })).toEqual(['minion-keys', 'minion-grains']);
  });

  it('ticks after the initial delay, backs off while a tick fails, and stops with the tick in flight', async () => {
    const ticks: number[] = [];
    let failing = true;
    const worker = pollerWorker({
      name: 'probe', initialDelayMs: 1, intervalMs: 5, log: t.fd.app.log,
      tick: async () => {
        ticks.push(Date.now());
        if (failing) throw new Error('salt is down');
      },
    });
    worker.start();
    expect(await waitFor(() => ticks.length >= 4, 5_000)).toBe(true);
    // Back-off: the gaps between failing ticks grow to the 8× cap (40 ms), well over the 5 ms interval.
    expect(ticks[3]! - ticks[2]!).toBeGreaterThanOrEqual(15);
    failing = false;
    const recovered = ticks.length;
    expect(await waitFor(() => ticks.length >= recovered + 3, 5_000)).toBe(true);
    await worker.stop();
    const stopped = ticks.length;
    expect(await waitFor(() => ticks.length > stopped, 50)).toBe(false);
  });
});
