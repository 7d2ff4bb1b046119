import { type JobRow } from '../../../src/salt/client/parse/jobs.js';
import { dateToJid } from '../../../src/salt/client/parse/jid.js';
import { jobsPoller, type JobsPoller } from '../../../src/salt/jobs/ingest/poller.js';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import type { TestApp } from '../../support/app.js';

/** A small, quick simulated fleet: web-01, db-01, cache-01 and friends, all online, no history. */
export const SIM = { minions: 5, offlineMinions: 0, historyJobs: 0, jobDurationMs: 100, presenceIntervalMs: 0, keepaliveMs: 0 };

export const quietLog = { warn: () => undefined, error: () => undefined, info: () => undefined };

let sequence = 0;

/** A JID at `at` whose microsecond digits keep JIDs of one test run apart. */
export function jidAt(at: Date): string {
  sequence = (sequence + 1) % 1000;
  return `${dateToJid(at).slice(0, 17)}${String(sequence).padStart(3, '0')}`;
}

/** A `jobs.list_jobs` row, as the poller would have read it. */
export function jobRow(overrides: Partial<JobRow> & { at?: Date } = {}): JobRow {
  const at = overrides.at ?? new Date();
  const jid = overrides.jid ?? jidAt(at);
  return {
    jid, function: 'test.ping', target: '*', target_type: 'glob', user: 'salt', started_at: new Date(Math.floor(at.getTime())), arguments: [],
    ...overrides,
  };
}

/** Points the app's Salt connection at the simulator with the given poller settings (through the API, as an admin would). */
export async function connectSalt(t: TestApp, sim: SaltApiSimulator, pollers: { event_stream_enabled: boolean; jobs_poll_interval_seconds?: number }): Promise<void> {
  const cookie = await t.cookieFor(['admin']);
  const put = async (url: string, payload: object) => {
    const response = await t.fd.app.inject({ method: 'PUT', url: `/api/admin/settings${url}`, headers: { cookie }, payload });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  };
  // The connection first: rewiring for the pollers change then talks to a master that is up.
  await put('/salt', { url: sim.url, username: sim.username, password: sim.password, verify: false });
  await put('/pollers', { jobs_poll_interval_seconds: 0, ...pollers });
}

/** The jobs poller on the app's live client, never scheduled: tests call `tick()`. */
export function pollerFor(t: TestApp): JobsPoller {
  const { jobs, salt } = t.fd.services;
  return jobsPoller({ client: salt.client(), ingest: jobs.ingest, state: jobs.state, intervalMs: 60_000, log: quietLog });
}

/** Polls `check` until it returns a value (bounded), for things that arrive through the event stream. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
