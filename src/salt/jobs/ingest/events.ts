import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Worker } from '../../../core/lifecycle.js';
import type { SaltEvent } from '../../client/parse/events.js';
import type { EventHub, Subscription } from '../../events/hub.js';
import type { JobsIngest } from './service.js';

export interface EventIngestStats {
  received: number;
  written: number;
  batches: number;
  dropped: number;
  failed: number;
}

export type JobsEventIngest = Worker & { drained(): Promise<void>; stats(): EventIngestStats };

/**
 * Keeps the jobs index current from the event hub. Events are buffered as they arrive and
 * written in batches, one transaction each: while one batch is being written the next one
 * gathers, so the batch size follows the load. A full buffer drops events (the poller
 * reconciles the jobs); `stop()` writes what is buffered before it returns.
 */
export function jobsEventIngest(deps: {
  hub: Pick<EventHub<SaltEvent>, 'subscribe'>;
  ingest: Pick<JobsIngest, 'recordEvents'>;
  log: Pick<FastifyBaseLogger, 'warn'>;
  maxBatch?: number;
  maxBuffer?: number;
  stopGraceMs?: number;
}): JobsEventIngest {
  const maxBatch = deps.maxBatch ?? 2000;
  const maxBuffer = deps.maxBuffer ?? 50_000;
  const stats: EventIngestStats = { received: 0, written: 0, batches: 0, dropped: 0, failed: 0 };
  let buffer: SaltEvent[] = [];
  let subscription: Subscription<SaltEvent> | null = null;
  let reader: Promise<void> | null = null;
  let flushing: Promise<void> | null = null;
  const idle: (() => void)[] = [];
  /** Events the hub has handed this subscriber (read, queued or dropped by the hub). */
  let offered = 0;

  async function write(batch: SaltEvent[]): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await deps.ingest.recordEvents(batch);
        stats.written += batch.length;
        stats.batches += 1;
        return;
      } catch (error) {
        if (attempt === 1) {
          stats.failed += batch.length;
          deps.log.warn({ err: error, events: batch.length }, 'jobs index: an event batch could not be written; the poller will reconcile');
        }
      }
    }
  }

  async function flush(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.length <= maxBatch ? buffer : buffer.slice(0, maxBatch);
      buffer = buffer.length <= maxBatch ? [] : buffer.slice(maxBatch);
      await write(batch);
    }
  }

  function kick(): void {
    if (flushing) return;
    flushing = flush().finally(() => {
      flushing = null;
      if (buffer.length > 0) kick();
      else for (const wake of idle.splice(0)) wake();
    });
  }

  async function read(events: Subscription<SaltEvent>): Promise<void> {
    for await (const event of events) {
      stats.received += 1;
      if (buffer.length >= maxBuffer) {
        if (stats.dropped === 0) deps.log.warn({ maxBuffer }, 'jobs index: event buffer full, dropping events');
        stats.dropped += 1;
        continue;
      }
      buffer.push(event);
      kick();
    }
  }

  /** Resolves once everything received so far is written. */
  function drained(): Promise<void> {
    if (!flushing && buffer.length === 0) return Promise.resolve();
    return new Promise((resolve) => idle.push(resolve));
  }

  return {
    name: 'jobs-event-ingest',
    start() {
      if (subscription) return;
      subscription = deps.hub.subscribe({
        filter: (event) => {
          const keep = event.event_type === 'job.new' || event.event_type === 'job.ret';
          if (keep) offered += 1;
          return keep;
        },
      });
      reader = read(subscription);
    },
    /** Reads what the hub still holds for us (briefly bounded), then writes everything buffered. */
    async stop() {
      const until = Date.now() + (deps.stopGraceMs ?? 5_000);
      while (subscription && stats.received + subscription.dropped < offered && Date.now() < until) await yieldToLoop();
      subscription?.close();
      await reader;
      subscription = reader = null;
      await drained();
    },
    drained,
    stats: () => ({ ...stats }),
  };
}
