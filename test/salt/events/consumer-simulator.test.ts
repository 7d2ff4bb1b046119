import { afterEach, describe, expect, it } from 'vitest';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { SaltEvent } from '../../../src/salt/client/parse/events.js';
import { createEventConsumer } from '../../../src/salt/events/consumer.js';
import { createEventHub } from '../../../src/salt/events/hub.js';
import { type SaltApiSimulator, startSaltApiSimulator } from '../../../src/sim/salt-api/index.js';

const SIM = { minions: 3, offlineMinions: 0, historyJobs: 0, jobDurationMs: 100, presenceIntervalMs: 0, keepaliveMs: 0 };
const quiet = { info: () => undefined, warn: () => undefined };
let sim: SaltApiSimulator | undefined;
let salt: SaltClient | undefined;
let stop: (() => Promise<void>) | undefined;

afterEach(async () => {
  await stop?.();
  await salt?.close();
  await sim?.close();
  sim = salt = stop = undefined;
});

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * Fires test.ping jobs until the hub delivers the dispatch of one of them (while the consumer is
 * still connecting, a job's events can be missed), then waits for all its returns.
 */
async function seeJobThroughHub(client: SaltClient, received: SaltEvent[], minions: number): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const job = await client.localAsync('*', 'test.ping').catch(() => null);
    if (!job) continue;
    const events = () => received.filter((e) => e.jid === job.jid);
    if (!(await waitFor(() => events().some((e) => e.event_type === 'job.new'), 300))) continue;
    if (await waitFor(() => events().filter((e) => e.event_type === 'job.ret').length === minions, 5_000)) return job.jid;
  }
  throw new Error('no job came through the hub');
}

describe('Salt event consumer against the bundled simulator', () => {
  it('publishes a job\'s dispatch and returns, and recovers when salt-api is killed and restarted on the same port', async () => {
    sim = await startSaltApiSimulator({ port: 0, ...SIM });
    const port = Number(new URL(sim.url).port);
    salt = createSaltClient({ url: sim.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { timeoutMs: 5_000, maxRetries: 0 });
    const hub = createEventHub<SaltEvent>();
    const received: SaltEvent[] = [];
    const subscription = hub.subscribe();
    void (async () => {
      for await (const event of subscription) received.push(event);
    })();
    const consumer = createEventConsumer({ client: salt, hub, logger: quiet, backoff: { initialMs: 50, maxMs: 400 } });
    consumer.start();
    stop = async () => {
      await consumer.stop();
      subscription.close();
    };

    const first = await seeJobThroughHub(salt, received, 3);
    const returns = received.filter((e) => e.event_type === 'job.ret' && e.jid === first).map((e) => e.minion_id);
    expect(returns.sort()).toEqual(sim.minionIds());

    await sim.close();
    await expect.poll(() => consumer.status().connected, { timeout: 5_000 }).toBe(false);
    const connectsWhileDown = consumer.status().connects;
    sim = await startSaltApiSimulator({ port, ...SIM });

    const second = await seeJobThroughHub(salt, received, 3);
    expect(second).not.toBe(first);
    expect(consumer.status()).toMatchObject({ connected: true });
    expect(consumer.status().connects).toBeGreaterThan(connectsWhileDown);
  });
});
