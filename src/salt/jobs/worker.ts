import type { FastifyBaseLogger } from 'fastify';
import { intervalWorker, type Worker } from '../../core/lifecycle.js';
import type { SaltEvent } from '../client/parse/events.js';
import type { SaltWorkerFactory } from '../connection/runtime.js';
import type { EventHub } from '../events/hub.js';
import { jobsEventIngest } from './ingest/events.js';
import { jobsPoller } from './ingest/poller.js';
import type { JobsService } from './service.js';

/**
 * The jobs workers, started and stopped with the Salt connection: the event ingest when the
 * event stream is on, and the reconciling poller when `jobs_poll_interval_seconds` > 0.
 */
export function jobsWorkers(jobs: Pick<JobsService, 'ingest' | 'state'>, hub: EventHub<SaltEvent>): SaltWorkerFactory[] {
  return [
    ({ pollers, log }) => (pollers.event_stream_enabled ? jobsEventIngest({ hub, ingest: jobs.ingest, log }) : null),
    ({ client, pollers, log }) =>
      pollers.jobs_poll_interval_seconds > 0
        ? jobsPoller({ client, ingest: jobs.ingest, state: jobs.state, intervalMs: pollers.jobs_poll_interval_seconds * 1000, log })
        : null,
  ];
}

const RETENTION_EVERY_MS = 10 * 60_000;

/** Applies the jobs retention (age and count) every ten minutes, with or without a Salt connection. */
export function jobsRetentionWorker(jobs: Pick<JobsService, 'ingest'>, log: FastifyBaseLogger): Worker {
  return intervalWorker('jobs-retention', RETENTION_EVERY_MS, async () => {
    const pruned = await jobs.ingest.prune();
    if (pruned.jobs + pruned.returns + pruned.runs > 0) log.info({ ...pruned }, 'jobs retention applied');
  }, log);
}
