import { readFileSync } from 'node:fs';
import { normalizeEvent, type SaltEvent } from '../src/salt/client/parse/events.js';
import { decodeSaltEvents } from '../src/salt/client/sse.js';
import { createEventHub } from '../src/salt/events/hub.js';

/**
 * Events decoded (SSE), normalised and published per second: a recorded event stream
 * (EVENTS_FILE, default ../shared/salt-captures/events_raw.txt) replayed many times in 16 KiB
 * chunks, the way the socket would hand it over. Run: npm run bench -- salt-events [replays]
 */
const REPLAYS = Number(process.argv[2] ?? 500);
const raw = readFileSync(process.env.EVENTS_FILE ?? '../shared/salt-captures/events_raw.txt', 'utf8');
const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/^retry: 400\n/, '');
const bytes = new TextEncoder().encode(body);
const CHUNK = 16 * 1024;

function* stream(): Generator<Uint8Array> {
  for (let replay = 0; replay < REPLAYS; replay += 1) {
    for (let offset = 0; offset < bytes.length; offset += CHUNK) yield bytes.subarray(offset, offset + CHUNK);
  }
}

async function run(label: string, handle: (event: SaltEvent | null) => void): Promise<void> {
  let decoded = 0;
  const started = process.hrtime.bigint();
  for await (const event of decodeSaltEvents(stream())) {
    decoded += 1;
    handle(normalizeEvent(event));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const megabytes = (bytes.length * REPLAYS) / 1e6;
  process.stdout.write(`${label.padEnd(34)} ${String(Math.round(decoded / seconds)).padStart(8)} events/s  ${(megabytes / seconds).toFixed(1).padStart(6)} MB/s  (${decoded} events, ${seconds.toFixed(2)} s)\n`);
}

process.stdout.write(`events_raw.txt: ${bytes.length} bytes, replayed ${REPLAYS} times, Node ${process.version}\n`);
let kept = 0;
await run('decode + normalise', (event) => {
  if (event) kept += 1;
});
const hub = createEventHub<SaltEvent>();
const idle = hub.subscribe();
const reader = hub.subscribe();
void (async () => {
  for await (const _event of reader) {
    // drain
  }
})();
await run('decode + normalise + hub publish', (event) => {
  if (event) hub.publish(event);
});
process.stdout.write(`normalised events kept: ${kept}; hub: ${JSON.stringify(hub.stats())} (the idle subscriber dropped ${idle.dropped})\n`);
reader.close();
idle.close();
