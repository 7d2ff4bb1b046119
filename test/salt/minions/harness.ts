import { expect } from 'vitest';
import { startSaltApiSimulator, type SaltApiSimulator, type SaltApiSimulatorOptions } from '../../../src/sim/salt-api/index.js';
import type { TestApp } from '../../support/app.js';

/** A small, quiet fleet: no presence heartbeat or keepalive noise, quick re-authentication. */
export const QUIET_SIM: SaltApiSimulatorOptions = {
  port: 0, minions: 12, offlineMinions: 2, historyJobs: 0, jobDurationMs: 50, presenceIntervalMs: 0, keepaliveMs: 0, authRetryMs: 50,
};

export const startSim = (options: SaltApiSimulatorOptions = {}): Promise<SaltApiSimulator> => startSaltApiSimulator({ ...QUIET_SIM, ...options });

/** Points the app's Salt connection at `sim` through the settings API (which rewires the runtime). */
export async function connectSalt(t: TestApp, sim: SaltApiSimulator, password = sim.password): Promise<void> {
  const admin = await t.cookieFor(['admin']);
  const response = await t.fd.app.inject({
    method: 'PUT', url: '/api/admin/settings/salt', headers: { cookie: admin },
    payload: { url: sim.url, username: sim.username, password, verify: false },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Polls `check` every 20 ms until it holds or `ms` pass; answers whether it held. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Fires `test.ping` until the app stored the dispatch of one of them, so the event consumer is
 * known to be subscribed (a job fired while it still connects is missed). Returns that jid.
 */
export async function awaitLiveEvents(t: TestApp, target = '*'): Promise<string> {
  const db = t.fd.database.db;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const job = await t.fd.services.salt.client().localAsync(target, 'test.ping').catch(() => null);
    if (!job) continue;
    const stored = () => db.selectFrom('activity_events').select('id').where('jid', '=', job.jid).where('event_type', '=', 'job.new').executeTakeFirst();
    if (await waitFor(async () => (await stored()) !== undefined, 300)) return job.jid;
  }
  throw new Error('the event consumer never delivered a job');
}
