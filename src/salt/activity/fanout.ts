import { Redis } from 'ioredis';
import type { ActivityEventView } from './schema.js';

/** The part of a pino (or Fastify) logger the fan-out uses. */
export interface FanoutLogger {
  warn(obj: object, msg: string): void;
}

export type FanoutListener = (event: ActivityEventView) => void;

/**
 * Hands stored activity events to the live streams of every server instance. In memory for one
 * instance; over Redis pub/sub when REDIS_URL is set, so a browser connected to any instance sees
 * what any instance stored.
 */
export interface ActivityFanout {
  /** True when other instances share the stream (Redis). */
  readonly shared: boolean;
  /**
   * Claims a bus event for storing: false when another instance's consumer already took the same
   * event (each instance consumes the master's bus). Always true in memory.
   */
  claim(fingerprint: string): Promise<boolean>;
  /** Delivers to this instance's listeners at once, and to the other instances'. Never waits. */
  publish(event: ActivityEventView): void;
  /** Listeners must not block: each one queues for its own client. */
  subscribe(listener: FanoutListener): () => void;
  /** Resolves once events from other instances can arrive. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const SEEN_LIMIT = 10_000;
const CLAIM_TTL_SECONDS = 3600;

/** Local listeners, delivering each event id once (a Redis echo of a local event is dropped). */
function localDelivery() {
  const listeners = new Set<FanoutListener>();
  const seen = new Set<number>();
  return {
    listeners,
    deliver(event: ActivityEventView): void {
      if (seen.has(event.id)) return;
      seen.add(event.id);
      if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as number);
      for (const listener of listeners) listener(event);
    },
    subscribe(listener: FanoutListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function memoryFanout(): ActivityFanout {
  const local = localDelivery();
  return {
    shared: false,
    claim: async () => true,
    publish: (event) => local.deliver(event),
    subscribe: (listener) => local.subscribe(listener),
    ready: async () => undefined,
    async close() {
      local.listeners.clear();
    },
  };
}

/**
 * Redis pub/sub on `channel`: one connection publishes (and claims), a dedicated one subscribes
 * (a subscribed connection can do nothing else). ioredis reconnects and resubscribes by itself;
 * events published while an instance is cut off from Redis do not reach its streams live, and a
 * reconnecting browser catches up from the database by `Last-Event-ID`.
 */
export function redisFanout(url: string, log: FanoutLogger, channel = 'fleetdeck:activity'): ActivityFanout {
  const local = localDelivery();
  const publisher = new Redis(url, { maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  publisher.on('error', (error: unknown) => log.warn({ err: error }, 'activity fan-out: redis publisher error'));
  subscriber.on('error', (error: unknown) => log.warn({ err: error }, 'activity fan-out: redis subscriber error'));
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    try {
      local.deliver(JSON.parse(message) as ActivityEventView);
    } catch (error) {
      log.warn({ err: error }, 'activity fan-out: unreadable message');
    }
  });
  const subscribed = subscriber.subscribe(channel).then(() => undefined);
  subscribed.catch((error: unknown) => log.warn({ err: error }, 'activity fan-out: subscribe failed'));

  return {
    shared: true,
    async claim(fingerprint) {
      try {
        return (await publisher.set(`${channel}:claim:${fingerprint}`, '1', 'EX', CLAIM_TTL_SECONDS, 'NX')) === 'OK';
      } catch (error) {
        // Better a duplicate row than a lost event.
        log.warn({ err: error }, 'activity fan-out: claim failed; storing anyway');
        return true;
      }
    },
    publish(event) {
      local.deliver(event);
      publisher.publish(channel, JSON.stringify(event)).catch((error: unknown) => log.warn({ err: error, id: event.id }, 'activity fan-out: publish failed'));
    },
    subscribe: (listener) => local.subscribe(listener),
    ready: () => subscribed,
    async close() {
      local.listeners.clear();
      await Promise.all([shut(publisher), shut(subscriber)]);
    },
  };
}

/** Quits politely when connected; a connection still (re)connecting is dropped, not waited for. */
async function shut(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().then(() => undefined, () => redis.disconnect());
}

/** In memory without a Redis URL, Redis pub/sub with one. */
export function createFanout(options: { redisUrl?: string | undefined; logger: FanoutLogger; channel?: string }): ActivityFanout {
  return options.redisUrl ? redisFanout(options.redisUrl, options.logger, options.channel) : memoryFanout();
}
