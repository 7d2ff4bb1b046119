import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { GRAINS_BATCH } from '../../../src/salt/minions/refresh.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, startSim, waitFor } from './harness.js';

let t: TestApp;
let sim: SaltApiSimulator;

const snapshot = (id: string) => t.fd.database.db.selectFrom('minion_snapshots').selectAll().where('minion_id', '=', id).executeTakeFirst();
const ids = async () => (await t.fd.database.db.selectFrom('minion_snapshots').select('minion_id').orderBy('minion_id').execute()).map((r) => r.minion_id);

beforeAll(async () => {
  sim = await startSim({ minions: 45, offlineMinions: 3 });
  t = await createTestApp();
  const admin = await t.cookieFor(['admin']);
  // The pollers are driven by hand here: no event stream, so no event changes the snapshot behind the test's back.
  await t.fd.app.inject({ method: 'PUT', url: '/api/admin/settings/pollers', headers: { cookie: admin }, payload: { event_stream_enabled: false } });
  await connectSalt(t, sim);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('minion snapshot pollers', () => {
  it('keys tick: adds every key with its state, and reads the grains of the accepted ones at once', async () => {
    const result = await t.fd.services.minionState.refreshKeys();
    expect(result).toMatchObject({ added: 45 + 5, changed: 0, removed: 0 });
    const keys = sim.keys() as Record<string, string[]>;
    expect(await ids()).toEqual([...keys.minions!, ...keys.minions_pre!, ...keys.minions_rejected!, ...keys.minions_denied!].sort());
    expect(await snapshot('new-01')).toMatchObject({ key_status: 'pending', online: 0, grains_json: null });
    const web = await snapshot('web-01');
    expect(web).toMatchObject({ key_status: 'accepted', os: sim.grains('web-01')!.os, saltversion: sim.grains('web-01')!.saltversion });
    expect(web!.keys_refreshed_at).not.toBeNull();
    expect(web!.grains_refreshed_at).not.toBeNull();
  });

  it('keys tick: applies changes made on the master and removes keys that are gone', async () => {
    const salt = t.fd.services.salt.client();
    await salt.keyAccept('new-01');
    await salt.keyReject('web-02');
    sim.setOnline('rogue-01', false);
    await salt.keyDelete('rogue-01');
    const result = await t.fd.services.minionState.refreshKeys();
    expect(result).toMatchObject({ added: 0, changed: 2, removed: 1, accepted: ['new-01'] });
    expect(await snapshot('new-01')).toMatchObject({ key_status: 'accepted' });
    expect((await snapshot('new-01'))!.grains_json).not.toBeNull();
    expect(await snapshot('web-02')).toMatchObject({ key_status: 'rejected', online: 0 });
    expect(await snapshot('rogue-01')).toBeUndefined();
  });

  it('presence tick: marks exactly the connected accepted minions online', async () => {
    // new-01, accepted above, connects once it re-authenticates.
    expect(await waitFor(() => sim.onlineMinionIds().includes('new-01'))).toBe(true);
    const first = await t.fd.services.minionState.refreshPresence();
    expect(first.online).toBe(sim.onlineMinionIds().length);
    sim.setOnline('web-01', false);
    const result = await t.fd.services.minionState.refreshPresence();
    const online = new Set(sim.onlineMinionIds());
    const rows = await t.fd.database.db.selectFrom('minion_snapshots').selectAll().execute();
    for (const row of rows) expect(row.online, row.minion_id).toBe(row.key_status === 'accepted' && online.has(row.minion_id) ? 1 : 0);
    expect(rows.every((row) => row.presence_refreshed_at !== null)).toBe(true);
    expect(result.offline).toBe(1);
    expect(await snapshot('web-01')).toMatchObject({ online: 0 });
    sim.setOnline('web-01', true);
    await t.fd.services.minionState.refreshPresence();
    expect(await snapshot('web-01')).toMatchObject({ online: 1 });
  });

  it('grains tick: asks cache.grains for every accepted minion, 20 ids per call (never without ids)', async () => {
    await t.fd.database.db.updateTable('minion_snapshots').set({ grains_json: null, os: null, grains_refreshed_at: null }).execute();
    const salt = t.fd.services.salt.client();
    const runner = vi.spyOn(salt, 'runner');
    try {
      const saved = await t.fd.services.minionState.refreshGrains();
      const calls = runner.mock.calls.filter(([fun]) => fun === 'cache.grains');
      const accepted = (await t.fd.database.db.selectFrom('minion_snapshots').select('minion_id').where('key_status', '=', 'accepted').execute()).length;
      expect(calls).toHaveLength(Math.ceil(accepted / GRAINS_BATCH));
      for (const [, kwarg] of calls) {
        expect(kwarg).toMatchObject({ tgt_type: 'list' });
        const tgt = (kwarg as { tgt: string }).tgt.split(',');
        expect(tgt.length).toBeGreaterThan(0);
        expect(tgt.length).toBeLessThanOrEqual(GRAINS_BATCH);
      }
      expect(saved).toBe(accepted);
    } finally {
      runner.mockRestore();
    }
    const db01 = await snapshot('db-01');
    const grains = sim.grains('db-01')!;
    expect(JSON.parse(db01!.grains_json!)).toEqual(grains);
    expect(db01).toMatchObject({
      os: grains.os, os_family: grains.os_family, osrelease: String(grains.osrelease), kernel: grains.kernel, num_cpus: grains.num_cpus,
      mem_total_mb: grains.mem_total, virtual_type: grains.virtual,
    });
    expect(db01!.primary_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('fails a tick with 503 when Salt cannot be reached, leaving the snapshot as it was', async () => {
    const before = await ids();
    const other = await createTestApp();
    try {
      await expect(other.fd.services.minionState.refreshKeys()).rejects.toMatchObject({ status: 503 });
    } finally {
      await other.close();
    }
    expect(await ids()).toEqual(before);
  });
});
