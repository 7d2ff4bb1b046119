import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from '../../core/lifecycle.js';
import type { SaltClient } from '../client/client.js';
import { normalizeEvent, type SaltEvent } from '../client/parse/events.js';
import type { EventHub } from './hub.js';

/** The part of a pino (or Fastify) logger the consumer uses. */
export interface ConsumerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface EventConsumerOptions {
  client: Pick<SaltClient, 'events'>;
  hub: Pick<EventHub<SaltEvent>, 'publish'>;
  logger: ConsumerLogger;
  name?: string;
  /** Runs before an event is published (e.g. to persist it); errors are logged, never fatal. */
  onEvent?: (event: SaltEvent) => Promise<void> | void;
  /** Reconnect delay: `initialMs` doubling to `maxMs` (default 1 s → 30 s). */
  backoff?: { initialMs: number; maxMs: number };
  /** A connection that delivered an event or stayed up this long resets the delay (default 10 s). */
  healthyAfterMs?: number;
  clock?: () => number;
}

export interface ConsumerStatus {
  connected: boolean;
  connects: number;
  received: number;
  published: number;
  lastError: string | null;
  lastEventAt: Date | null;
}

/**
 * Holds the one `/events` subscription for a salt-api: normalises each event, hands it to
 * `onEvent`, publishes it to the hub, and reconnects with capped exponential back-off until
 * stopped. `stop()` aborts the stream and the back-off sleep and waits for the loop to end.
 */
export function createEventConsumer(options: EventConsumerOptions): Worker & { status(): ConsumerStatus } {
  const name = options.name ?? 'salt-events';
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const healthyAfterMs = options.healthyAfterMs ?? 10_000;
  const clock = options.clock ?? Date.now;
  const controller = new AbortController();
  const status: ConsumerStatus = { connected: false, connects: 0, received: 0, published: 0, lastError: null, lastEventAt: null };
  let loop: Promise<void> | undefined;

  /** One connection, until it ends or fails; true when it was healthy. */
  async function consumeOnce(): Promise<boolean> {
    const started = clock();
    let received = 0;
    status.connects += 1;
    try {
      for await (const raw of options.client.events(controller.signal)) {
        received += 1;
        status.connected = true;
        status.received += 1;
        status.lastEventAt = new Date(clock());
        const event = normalizeEvent(raw, () => new Date(clock()));
        if (event) await deliver(event);
      }
      if (!controller.signal.aborted) options.logger.warn({ worker: name }, 'salt event stream ended');
    } catch (error) {
      status.lastError = error instanceof Error ? error.message : String(error);
      if (!controller.signal.aborted) options.logger.warn({ worker: name, err: error }, 'salt event stream failed');
    } finally {
      status.connected = false;
    }
    return received > 0 || clock() - started >= healthyAfterMs;
  }

  async function deliver(event: SaltEvent): Promise<void> {
    try {
      await options.onEvent?.(event);
    } catch (error) {
      options.logger.warn({ worker: name, err: error, tag: event.raw.tag }, 'salt event handler failed');
    }
    options.hub.publish(event);
    status.published += 1;
  }

  async function run(): Promise<void> {
    let delay = initialMs;
    while (!controller.signal.aborted) {
      if (await consumeOnce()) delay = initialMs;
      if (controller.signal.aborted) return;
      options.logger.info({ worker: name, delayMs: delay }, 'salt event stream reconnecting');
      await sleep(delay, undefined, { signal: controller.signal }).catch(() => undefined);
      delay = Math.min(delay * 2, maxMs);
    }
  }

  return {
    name,
    start() {
      loop ??= run();
    },
    async stop() {
      controller.abort();
      await loop;
    },
    status: () => ({ ...status }),
  };
}
