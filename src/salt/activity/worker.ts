import type { FastifyBaseLogger } from 'fastify';
import { intervalWorker, type Worker } from '../../core/lifecycle.js';
import type { SaltEvent } from '../client/parse/events.js';
import type { SaltWorkerFactory } from '../connection/runtime.js';
import type { EventHub } from '../events/hub.js';
import { isFeedEvent } from './record.js';
import type { ActivityService } from './service.js';

/**
 * Stores the hub's events in the feed while the Salt connection is up. It prunes once when it
 * starts (each (re)connect); the retention worker prunes on a timer besides.
 */
export function activityIngestWorker(activity: ActivityService, hub: Pick<EventHub<SaltEvent>, 'subscribe'>, log: FastifyBaseLogger): Worker {
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  async function consume(events: AsyncIterable<SaltEvent>): Promise<void> {
    await activity.prune().catch((error: unknown) => log.warn({ err: error }, 'activity retention prune failed'));
    for await (const event of events) {
      try {
        await activity.ingest(event);
      } catch (error) {
        log.warn({ err: error, tag: event.raw.tag }, 'activity event could not be stored');
      }
    }
  }

  return {
    name: 'activity-ingest',
    start() {
      loop ??= consume(hub.subscribe({ filter: isFeedEvent, signal: controller.signal }));
    },
    async stop() {
      controller.abort();
      await loop;
    },
  };
}

/** The ingest worker, wired with the Salt connection when the event stream is on. */
export function activityWorkers(activity: ActivityService, hub: Pick<EventHub<SaltEvent>, 'subscribe'>): SaltWorkerFactory[] {
  return [({ pollers, log }) => (pollers.event_stream_enabled ? activityIngestWorker(activity, hub, log) : null)];
}

/** Deletes events past `event_stream_retention_days` every `intervalMs` (hourly), connected to Salt or not. */
export function activityRetentionWorker(activity: ActivityService, log: FastifyBaseLogger, intervalMs = 60 * 60_000): Worker {
  return intervalWorker('activity-retention', intervalMs, async () => {
    const removed = await activity.prune();
    if (removed > 0) log.info({ removed }, 'old activity events pruned');
  }, log);
}
