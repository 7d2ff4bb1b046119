import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { loadConfig } from '../src/core/config/index.js';
import type { JobsIndexTable } from '../src/core/db/tables.js';
import { SYSTEM_ACTOR } from '../src/core/rbac/actor.js';
import { dateToJid } from '../src/salt/client/parse/jid.js';
import { createFleetdeck, type Fleetdeck } from '../src/server.js';

/**
 * `GET /api/jobs` (cookie auth, the default 50 rows) on SQLite: latency with 1,000,000 rows in
 * `jobs_index` against 1,000 rows (target: ratio ≤ 1.5, keyset paging never scans), and req/s with
 * 16 concurrent requests over a loopback socket (from a worker thread) next to a bare Fastify route answering the same
 * JSON (target ≥ 3,000 req/s). Run: npm run bench -- jobs-list [rows] [seconds]
 */
const BIG = Number(process.argv[2] ?? 1_000_000);
const SMALL = 1_000;
const SECONDS = Number(process.argv[3] ?? 5);
const SAMPLES = 2_000;
const CONCURRENCY = 16;
const PASSWORD = 'bench-password-123';
const FUNCTIONS = ['test.ping', 'state.apply', 'cmd.run', 'pkg.upgrade', 'grains.items', 'state.highstate', 'saltutil.sync_all', 'test.version'];
const USERS = ['salt', 'root', 'alice', 'bob'];

interface Instance {
  fd: Fleetdeck;
  cookie: string;
  close(): Promise<void>;
}

async function start(rows: number): Promise<Instance> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-bench-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, FLEETDECK_DATA_DIR: dir, FLEETDECK_SECRET: 'bench-secret-'.padEnd(48, 'x'),
    FLEETDECK_ADMIN_PASSWORD: PASSWORD, COOKIE_SECURE: 'false', LOG_LEVEL: 'silent',
  });
  const fd = await createFleetdeck(config, { logger: false });
  const viewer = await fd.services.rbac.roleIdByName('viewer');
  await fd.services.users.create(SYSTEM_ACTOR, { username: 'bench', display_name: '', email: null, password: PASSWORD, must_change_pw: false, role_ids: [viewer] });
  const login = await fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: PASSWORD } });
  const session = login.cookies.find((c) => c.name === 'halite_session');
  if (!session) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const filled = await fill(fd, rows);
  process.stdout.write(`  ${rows.toLocaleString('en')} rows inserted in ${filled.toFixed(1)} s\n`);
  return {
    fd, cookie: `halite_session=${session.value}`,
    async close() {
      await fd.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Multi-row inserts in one transaction: one job a second back from now, JIDs unique. */
async function fill(fd: Fleetdeck, rows: number): Promise<number> {
  const started = performance.now();
  const base = Date.now() - rows * 1000;
  const chunk = 2_000;
  await fd.database.db.transaction().execute(async (trx) => {
    for (let offset = 0; offset < rows; offset += chunk) {
      const values: JobsIndexTable[] = [];
      for (let i = offset; i < Math.min(rows, offset + chunk); i += 1) {
        const at = new Date(base + i * 1000);
        const iso = at.toISOString();
        values.push({
          jid: dateToJid(at), function: FUNCTIONS[i % FUNCTIONS.length] ?? 'test.ping', target: i % 7 ? '*' : `web-${i % 40}`, target_type: 'glob',
          user: USERS[i % USERS.length] ?? null, started_at: iso, seen_at: iso, arguments_json: '[]', minions_json: null, minion_count: 40, source: 'poll',
        });
      }
      await trx.insertInto('jobs_index').values(values).execute();
    }
  });
  return (performance.now() - started) / 1000;
}

/** Median, p95 and mean of sequential in-process requests, in microseconds. */
async function latency(instance: Instance): Promise<{ median: number; p95: number; mean: number }> {
  const request = () => instance.fd.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: instance.cookie } });
  const check = await request();
  if (check.statusCode !== 200 || check.json().jobs.length !== 50) throw new Error(`unexpected answer ${check.statusCode}`);
  for (let i = 0; i < 200; i += 1) await request();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const t0 = process.hrtime.bigint();
    await request();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/**
 * The load generator: CONCURRENCY requests in flight over keep-alive loopback connections (undici
 * Pool), in a worker thread so it does not share the server's event loop.
 */
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require('undici');
(async () => {
  const { url, path, headers, concurrency, seconds } = workerData;
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  const once = async () => {
    const { statusCode, body } = await pool.request({ method: 'GET', path, headers });
    await body.text();
    if (statusCode !== 200) throw new Error(path + ': ' + statusCode);
  };
  for (let i = 0; i < 500; i += 1) await once();
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) { await once(); done += 1; }
  }));
  const rate = done / ((performance.now() - started) / 1000);
  await pool.close();
  parentPort.postMessage(rate);
})().catch((error) => { throw error; });
`;

/** Requests per second against `url` + `pathname`. */
function throughput(url: string, pathname: string, headers: Record<string, string>): Promise<number> {
  const worker = new Worker(LOAD, { eval: true, workerData: { url, path: pathname, headers, concurrency: CONCURRENCY, seconds: SECONDS } });
  return new Promise((resolve, reject) => {
    worker.once('message', (rate: number) => resolve(rate));
    worker.once('error', reject);
  });
}

const fmt = (us: number) => `${(us / 1000).toFixed(3)} ms`;
process.stdout.write(`GET /api/jobs (cookie auth, 50 rows), SQLite, Node ${process.version}\n`);

const small = await start(SMALL);
const smallLatency = await latency(small);
const big = await start(BIG);
const bigLatency = await latency(big);
const ratio = bigLatency.median / smallLatency.median;
process.stdout.write(`latency, ${SAMPLES} sequential requests in process:\n`);
for (const [label, l] of [[`${SMALL.toLocaleString('en')} rows`, smallLatency], [`${BIG.toLocaleString('en')} rows`, bigLatency]] as const) {
  process.stdout.write(`  ${label.padEnd(16)} median ${fmt(l.median)}  p95 ${fmt(l.p95)}  mean ${fmt(l.mean)}\n`);
}
process.stdout.write(`  ratio (median, ${BIG.toLocaleString('en')} / ${SMALL.toLocaleString('en')}): ${ratio.toFixed(2)}  target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'}\n`);
await small.close();

const url = await big.fd.app.listen({ host: '127.0.0.1', port: 0 });
const payload = (await big.fd.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: big.cookie } })).json() as unknown;
const bare = Fastify({ logger: false });
bare.get('/jobs', () => payload);
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
const jobsRate = await throughput(url, '/api/jobs', { cookie: big.cookie });
const bareRate = await throughput(bareUrl, '/jobs', {});
// Context: what cookie authentication alone allows (three queries per request in core/auth).
const authRate = await throughput(url, '/api/auth/me', { cookie: big.cookie });
process.stdout.write(`throughput, ${CONCURRENCY} concurrent over loopback for ${SECONDS} s (undici Pool in a worker thread):\n`);
process.stdout.write(`  GET /api/jobs (${BIG.toLocaleString('en')} rows)  ${Math.round(jobsRate).toLocaleString('en').padStart(7)} req/s  target ≥ 3,000: ${jobsRate >= 3000 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`  bare Fastify, same JSON       ${Math.round(bareRate).toLocaleString('en').padStart(7)} req/s  (the API runs at ${((jobsRate / bareRate) * 100).toFixed(0)}% of it)\n`);
process.stdout.write(`  GET /api/auth/me (auth only)  ${Math.round(authRate).toLocaleString('en').padStart(7)} req/s  (the ceiling cookie authentication leaves any route)\n`);
await bare.close();
await big.close();
