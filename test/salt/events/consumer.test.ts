import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { SaltEvent } from '../../../src/salt/client/parse/events.js';
import { createEventConsumer } from '../../../src/salt/events/consumer.js';
import { createEventHub } from '../../../src/salt/events/hub.js';
import { captureStreamBody } from '../client/captures.js';
import { type FakeRoutes, type FakeSaltApi, startFakeSaltApi } from '../client/fake-salt-api.js';

let api: FakeSaltApi | undefined;
let client: SaltClient | undefined;

function recordingLogger() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = (level: string) => (obj: object, msg: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, logger: { info: log('info'), warn: log('warn') } };
}

async function setup(routes: FakeRoutes) {
  api = await startFakeSaltApi(routes);
  client = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { timeoutMs: 2_000 });
  return client;
}

function serveCapture(res: ServerResponse, name: string, end: boolean) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream;charset=utf-8' });
  res.write(captureStreamBody(name));
  if (end) res.end();
}

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

describe('Salt event consumer', () => {
  it('normalises the bus (events3.txt), hands each event to onEvent, then publishes it', async () => {
    const salt = await setup({ events: (_req, res) => serveCapture(res, 'events3.txt', false) });
    const hub = createEventHub<SaltEvent>();
    const subscription = hub.subscribe();
    const order: string[] = [];
    const { lines, logger } = recordingLogger();
    const consumer = createEventConsumer({
      client: salt, hub, logger,
      onEvent: (event) => {
        order.push(`stored ${event.event_type}`);
        if (event.event_type === 'presence.present') throw new Error('database is down');
      },
    });
    consumer.start();
    const published: string[] = [];
    for await (const event of subscription) {
      published.push(event.event_type);
      order.push(`published ${event.event_type}`);
      if (published.length === 5) break;
    }
    await consumer.stop();
    expect(published).toEqual(['key.pend', 'key.accept', 'presence.present', 'key.reject', 'key.delete']);
    expect(order.slice(0, 2)).toEqual(['stored key.pend', 'published key.pend']);
    expect(lines.find((l) => l.msg === 'salt event handler failed')?.obj.tag).toBe('salt/presence/present');
    expect(consumer.status()).toMatchObject({ connected: false, connects: 1, received: 17, published: 5 });
  });

  it('reconnects with doubling, capped back-off, reset by a connection that delivered events', async () => {
    let connects = 0;
    const salt = await setup({
      events: (_req, res) => {
        connects += 1;
        if (connects === 5) serveCapture(res, 'events3.txt', true);
        else res.writeHead(503, { 'Content-Type': 'text/html' }).end('<p>Salt Master is not available.</p>');
      },
    });
    const { lines, logger } = recordingLogger();
    const consumer = createEventConsumer({ client: salt, hub: createEventHub<SaltEvent>(), logger, backoff: { initialMs: 5, maxMs: 20 }, healthyAfterMs: 60_000 });
    consumer.start();
    await expect.poll(() => connects, { timeout: 5_000 }).toBeGreaterThanOrEqual(7);
    await consumer.stop();
    const delays = lines.filter((l) => l.msg === 'salt event stream reconnecting').map((l) => l.obj.delayMs);
    expect(delays.slice(0, 6)).toEqual([5, 10, 20, 20, 5, 10]);
    expect(lines.find((l) => l.msg === 'salt event stream failed')?.obj.err).toMatchObject({ message: 'Salt-API error 503: Salt Master is not available.' });
    expect(consumer.status().lastError).toBe('Salt-API error 503: Salt Master is not available.');
  });

  it('stops promptly while the stream is silent or while it waits to reconnect', async () => {
    const salt = await setup({ events: (_req, res) => serveCapture(res, 'events3.txt', false) });
    const consumer = createEventConsumer({ client: salt, hub: createEventHub<SaltEvent>(), logger: recordingLogger().logger });
    consumer.start();
    await expect.poll(() => consumer.status().received).toBe(17);
    expect(consumer.status().connected).toBe(true);
    await consumer.stop();
    expect(consumer.status().connected).toBe(false);

    const waiting = createEventConsumer({ client: { events: () => failing() }, hub: createEventHub<SaltEvent>(), logger: recordingLogger().logger, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    waiting.start();
    await expect.poll(() => waiting.status().connects).toBe(1);
    await waiting.stop();
  });
});

async function* failing(): AsyncGenerator<never> {
  yield* [];
  throw new Error('no salt');
}
