import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { loadConfig } from '../src/core/config/index.js';
import { dateToJid } from '../src/salt/client/parse/jid.js';
import { normalizeEvent, type RawSaltEvent, type SaltEvent } from '../src/salt/client/parse/events.js';
import { createEventHub } from '../src/salt/events/hub.js';
import { jobsEventIngest } from '../src/salt/jobs/ingest/events.js';
import { createFleetdeck, type Fleetdeck } from '../src/server.js';

/**
 * Salt events ingested into the jobs index per second (target ≥ 5,000/s): job.new and job.ret
 * events published on the event hub, written by the jobs ingest worker in batches (one
 * transaction each), on SQLite. A mix of returns: test.ping, cmd.run output, grains and state
 * runs (gzip and highstate parsing included). Then the same events written with fixed batch sizes,
 * to show what batching buys. Run: npm run bench -- jobs-ingest [jobs] [minions per job]
 */
const JOBS = Number(process.argv[2] ?? 4_000);
const MINIONS = Number(process.argv[3] ?? 4);
/** Events the master's bus hands over per event-loop turn (the SSE reader's chunks). */
const BURST = 250;

function stateReturn(i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let s = 0; s < 12; s += 1) {
    out[`file_|-conf_${s}_|-/etc/app/conf_${s}.ini_|-managed`] = {
      name: `/etc/app/conf_${s}.ini`, result: (i + s) % 17 !== 0, comment: `File /etc/app/conf_${s}.ini is in the correct state`,
      changes: s === 3 ? { diff: '--- \n+++ \n@@ -1 +1 @@\n-a\n+b\n' } : {}, __run_num__: s, __sls__: 'app', duration: 12.5 + s, start_time: '10:00:00.000000', __id__: `conf_${s}`,
    };
  }
  return out;
}

function jobEvents(i: number, at: Date): RawSaltEvent[] {
  const jid = dateToJid(at).slice(0, 14) + String(i).padStart(6, '0');
  const kind = i % 10;
  const fun = kind < 5 ? 'test.ping' : kind < 7 ? 'cmd.run' : kind < 9 ? 'state.apply' : 'grains.items';
  const minions = Array.from({ length: MINIONS }, (_, m) => `minion-${String((i + m) % 500).padStart(3, '0')}`);
  const stamp = at.toISOString().replace('Z', '000');
  const events: RawSaltEvent[] = [{ tag: `salt/job/${jid}/new`, data: { jid, fun, tgt: '*', tgt_type: 'glob', user: 'salt', arg: [], minions, _stamp: stamp } }];
  for (const id of minions) {
    const ret = fun === 'test.ping' ? true
      : fun === 'cmd.run' ? `total 48\n${'drwxr-xr-x  2 root root 4096 Jan  1 00:00 dir\n'.repeat(6)}`
      : fun === 'state.apply' ? stateReturn(i)
      : { id, os: 'Debian', osrelease: '12', kernel: 'Linux', num_cpus: 4, mem_total: 7933, ipv4: ['10.0.0.1', '127.0.0.1'], roles: ['app'], saltversion: '3006.10' };
    events.push({ tag: `salt/job/${jid}/ret/${id}`, data: { cmd: '_return', id, fun, fun_args: [], jid, return: ret, retcode: 0, success: true, _stamp: stamp } });
  }
  return events;
}

async function fresh(): Promise<{ fd: Fleetdeck; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-ingest-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, FLEETDECK_DATA_DIR: dir, FLEETDECK_SECRET: 'bench-secret-'.padEnd(48, 'x'),
    FLEETDECK_ADMIN_PASSWORD: 'bench-password-123', COOKIE_SECURE: 'false', LOG_LEVEL: 'silent',
  });
  const fd = await createFleetdeck(config, { logger: false });
  return { fd, close: async () => { await fd.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const base = Date.now() - JOBS * 1000;
const raw = Array.from({ length: JOBS }, (_, i) => jobEvents(i, new Date(base + i * 1000))).flat();
const events = raw.map((event) => normalizeEvent(event)).filter((event): event is SaltEvent => event !== null);
process.stdout.write(`${events.length.toLocaleString('en')} events (${JOBS.toLocaleString('en')} jobs × (1 new + ${MINIONS} ret)), SQLite, Node ${process.version}\n`);

{
  const { fd, close } = await fresh();
  const hub = createEventHub<SaltEvent>();
  const worker = jobsEventIngest({ hub, ingest: fd.services.jobs.ingest, log: fd.app.log });
  worker.start();
  const started = performance.now();
  for (let i = 0; i < events.length; i += BURST) {
    for (const event of events.slice(i, i + BURST)) hub.publish(event);
    await nextTick();
  }
  await worker.stop();
  const seconds = (performance.now() - started) / 1000;
  const stats = worker.stats();
  const count = async (table: 'jobs_index' | 'job_returns' | 'highstate_runs') =>
    Number((await fd.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rate = stats.written / seconds;
  process.stdout.write(`hub → ingest worker → SQLite: ${Math.round(rate).toLocaleString('en')} events/s  (${seconds.toFixed(2)} s; ${stats.batches} batches, ${Math.round(stats.written / Math.max(1, stats.batches))} events each on average; dropped ${stats.dropped + hub.stats().dropped}, failed ${stats.failed})\n`);
  process.stdout.write(`  rows: jobs_index ${await count('jobs_index')}, job_returns ${await count('job_returns')}, highstate_runs ${await count('highstate_runs')}\n`);
  process.stdout.write(`  target ≥ 5,000 events/s: ${rate >= 5000 ? 'met' : 'MISSED'}\n`);
  await close();
}

process.stdout.write('recordEvents with a fixed batch size (one transaction per batch), fresh database each:\n');
for (const size of [1, 10, 100, 1000]) {
  const { fd, close } = await fresh();
  const sample = events.slice(0, size === 1 ? 2_000 : events.length);
  const started = performance.now();
  for (let i = 0; i < sample.length; i += size) await fd.services.jobs.ingest.recordEvents(sample.slice(i, i + size));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`  batch ${String(size).padStart(4)}: ${Math.round(sample.length / seconds).toLocaleString('en').padStart(7)} events/s\n`);
  await close();
}
