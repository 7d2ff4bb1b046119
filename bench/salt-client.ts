import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { createSaltClient } from '../src/salt/client/client.js';

/**
 * Salt-API client overhead per call against a local server that answers instantly: sequential
 * and concurrent `local test.ping` calls, next to bare `fetch` on the same server as a baseline.
 * Run: npx tsx bench/salt-client.ts [calls]
 */
const CALLS = Number(process.argv[2] ?? 5_000);
const ROUNDS = 3;
const LOGIN = JSON.stringify({ return: [{ token: 'bench-token', expire: Date.now() / 1000 + 3_600 }] });
const PING = JSON.stringify({ return: [{ 'web-01': true, 'db-01': true, 'cache-01': true }] });

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(req.url === '/login' ? LOGIN : PING);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = createSaltClient({ url, username: 'bench', password: 'bench', eauth: 'pam', verifyTls: true });

interface Row {
  label: string;
  concurrency: number;
  call: () => Promise<unknown>;
}

/** Microseconds per call over CALLS calls spread across `concurrency` callers. */
async function measure(row: Row): Promise<number> {
  const perWorker = Math.ceil(CALLS / row.concurrency);
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: row.concurrency }, async () => {
    for (let i = 0; i < perWorker; i += 1) await row.call();
  }));
  return Number(process.hrtime.bigint() - started) / 1e3 / (perWorker * row.concurrency);
}

const agent = new Agent({ keepAliveTimeout: 10_000 });
const dispatcher = agent as unknown as NonNullable<RequestInit['dispatcher']>;
const body = JSON.stringify([{ client: 'local', tgt: '*', tgt_type: 'glob', fun: 'test.ping' }]);
const bareFetch = async () => {
  const response = await fetch(`${url}/`, {
    method: 'POST', body, dispatcher, headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Auth-Token': 'bench-token' },
  });
  return JSON.parse(await response.text()) as unknown;
};
const clientCall = () => client.local('*', 'test.ping');
const rows: Row[] = [
  { label: 'bare fetch, sequential', concurrency: 1, call: bareFetch },
  { label: 'client.local, sequential', concurrency: 1, call: clientCall },
  { label: 'bare fetch, 16 concurrent', concurrency: 16, call: bareFetch },
  { label: 'client.local, 16 concurrent', concurrency: 16, call: clientCall },
];

process.stdout.write(`Salt-API client vs bare fetch (same undici Agent), ${CALLS} calls per row, best of ${ROUNDS} rounds, Node ${process.version}\n`);
const best = rows.map(() => Infinity);
for (let round = 0; round <= ROUNDS; round += 1) {
  for (const [index, row] of rows.entries()) {
    const us = await measure(row);
    // Round 0 warms the JIT and the connection pools.
    if (round > 0) best[index] = Math.min(best[index] ?? Infinity, us);
  }
}
for (const [index, row] of rows.entries()) {
  const us = best[index] ?? 0;
  process.stdout.write(`${row.label.padEnd(30)} ${String(Math.round(1e6 / us)).padStart(7)} calls/s  ${us.toFixed(1).padStart(7)} µs/call\n`);
}
const [bare1 = 0, client1 = 0, bare16 = 0, client16 = 0] = best;
process.stdout.write(`client overhead: ${(client1 - bare1).toFixed(1)} µs/call sequential, ${(client16 - bare16).toFixed(1)} µs/call at 16 concurrent\n`);

await client.close();
await agent.close();
server.closeAllConnections();
server.close();
