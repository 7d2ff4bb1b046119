import { connect, type Socket } from 'node:net';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryFanout, type ActivityFanout } from '../../../src/salt/activity/fanout.js';
import type { ActivityEventView } from '../../../src/salt/activity/schema.js';
import { sendEventStream } from '../../../src/salt/activity/sse.js';
import { openClientStream, type ActivityStream } from '../../../src/salt/activity/stream.js';
import { waitFor } from '../minions/harness.js';
import { SseClient } from './sse-client.js';

let nextId = 1;
const view = (category = 'job', summary = 'x'): ActivityEventView => ({
  id: nextId++, ts: new Date().toISOString(), category, event_type: 'job.ret', minion_id: 'web-01', jid: null, fun: 'test.ping',
  success: true, changed: null, initiator: null, target: null, duration_ms: null, summary,
});

let app: FastifyInstance | undefined;
let raw: Socket | undefined;
afterEach(async () => {
  raw?.destroy();
  await app?.close();
  app = raw = undefined;
});

/** The real writer on a bare Fastify: each GET gets a stream of `job` events from `fanout`, queue limit 10. */
async function serve(fanout: ActivityFanout, opened: ActivityStream[]): Promise<string> {
  app = Fastify();
  app.get('/stream', async (_req, reply) => {
    const stream = await openClientStream({ fanout, categories: new Set(['job']), replay: async () => [], queueLimit: 10, keepaliveMs: 60_000 });
    opened.push(stream);
    return sendEventStream(reply, stream);
  });
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('a client stream', () => {
  it('filters by category, skips live events the replay held, and ends on close', async () => {
    const fanout = memoryFanout();
    const replayed = view();
    const stream = await openClientStream({ fanout, categories: new Set(['job']), replay: async () => [replayed], queueLimit: 10, keepaliveMs: 1000 });
    const fresh = view();
    fanout.publish(replayed);
    fanout.publish(view('key'));
    fanout.publish(fresh);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const event of stream) seen.push(event.id);
    })();
    expect(await waitFor(() => seen.length === 2)).toBe(true);
    stream.close();
    await reading;
    expect(seen).toEqual([replayed.id, fresh.id]);
  });

  it('cuts off a client whose socket is full once its queue overflows, but lets a burst through to one that reads', async () => {
    const fanout = memoryFanout();
    const stream = await openClientStream({ fanout, categories: new Set(['job']), replay: async () => [], queueLimit: 10, keepaliveMs: 1000 });
    for (let i = 0; i < 50; i += 1) fanout.publish(view());
    expect(stream.cutOff).toBe(false);
    stream.setBlocked(true);
    fanout.publish(view());
    expect(stream.cutOff).toBe(true);
    await stream.closed;
  });
});

describe('the SSE writer', () => {
  it('delivers a burst larger than the queue limit to a client that keeps reading', async () => {
    const fanout = memoryFanout();
    const opened: ActivityStream[] = [];
    const base = await serve(fanout, opened);
    const client = await SseClient.open(`${base}/stream`, {});
    await client.waitFor((frames) => frames.some((f) => f.comment === 'connected'));
    const burst = Array.from({ length: 60 }, () => view());
    for (const event of burst) fanout.publish(event);
    await client.waitFor(() => client.events().length === 60);
    expect(client.events().map((f) => f.id)).toEqual(burst.map((e) => e.id));
    expect(opened[0]!.cutOff).toBe(false);
    client.close();
    expect(await waitFor(() => opened[0]!.cutOff === false && client.ended)).toBe(true);
  });

  it('disconnects a browser that stops reading instead of buffering for it, and keeps serving the others', async () => {
    const fanout = memoryFanout();
    const opened: ActivityStream[] = [];
    const base = new URL(await serve(fanout, opened));
    raw = connect(Number(base.port), base.hostname);
    await new Promise<void>((resolve) => raw!.once('connect', () => resolve()));
    raw.write(`GET /stream HTTP/1.1\r\nHost: ${base.host}\r\nAccept: text/event-stream\r\n\r\n`);
    raw.pause();
    expect(await waitFor(() => opened.length === 1)).toBe(true);
    const reader = await SseClient.open(`${base.origin}/stream`, {});
    expect(await waitFor(() => opened.length === 2)).toBe(true);
    const stuck = opened[0]!;
    const summary = 's'.repeat(500);
    // Tens of megabytes at most: enough to fill the kernel's socket buffers on loopback.
    for (let batch = 0; batch < 1000 && !stuck.cutOff; batch += 1) {
      for (let i = 0; i < 50; i += 1) fanout.publish(view('job', summary));
      await yieldToIo();
    }
    expect(stuck.cutOff).toBe(true);
    await stuck.closed;
    expect(opened[1]!.cutOff).toBe(false);
    const marker = view('job', 'still here');
    fanout.publish(marker);
    await reader.waitFor(() => reader.events().some((f) => f.id === marker.id), 20_000);
    reader.close();
  });
});
