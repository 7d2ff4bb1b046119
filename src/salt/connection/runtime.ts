import type { FastifyBaseLogger } from 'fastify';
import { UpstreamUnavailableError } from '../../core/errors.js';
import type { Worker } from '../../core/lifecycle.js';
import { createSaltClient, type SaltClient } from '../client/client.js';
import type { SaltEvent } from '../client/parse/events.js';
import type { SaltConnection } from '../client/types.js';
import { createEventConsumer, type ConsumerStatus } from '../events/consumer.js';
import type { EventHub } from '../events/hub.js';
import type { PollerSettings, SaltTestResult } from '../settings/schema.js';
import type { SaltLink, SaltSettingsService } from '../settings/service.js';

export const NOT_CONFIGURED = 'Salt-API is not configured. Set the Salt-API connection in Settings.';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type SaltRuntime = ReturnType<typeof saltRuntime>;

/** What a feature's worker is built from when a connection is wired. */
export interface SaltWorkerContext {
  client: SaltClient;
  pollers: PollerSettings;
  log: FastifyBaseLogger;
}

/** Builds a worker that runs on the live connection, or null to leave it off (e.g. an interval of 0). */
export type SaltWorkerFactory = (context: SaltWorkerContext) => Worker | null;

/**
 * Owns the one Salt-API client and everything that runs on it (the event consumer, later the
 * pollers). `reload()` tears it all down and wires it again from the saved settings, so a
 * settings change takes effect without a restart; routes always ask `client()` afresh.
 */
export function saltRuntime(deps: { settings: () => SaltSettingsService; hub: EventHub<SaltEvent>; logger: FastifyBaseLogger; workers?: SaltWorkerFactory[] }) {
  const log = deps.logger.child({ component: 'salt' });
  let client: SaltClient | null = null;
  let workers: Worker[] = [];
  let consumerStatus: (() => ConsumerStatus) | null = null;
  let transition: Promise<void> = Promise.resolve();

  async function wire(): Promise<void> {
    const connection = await deps.settings().connection().catch((error: unknown) => {
      log.error({ err: error }, 'salt-api settings could not be read');
      return null;
    });
    if (!connection) {
      log.info('salt-api is not configured');
      return;
    }
    client = createSaltClient(connection, { logger: log });
    // A master that is down now is not fatal: calls answer 503 and the consumer keeps retrying.
    await client.login().then(
      () => log.info({ url: connection.url }, 'salt-api connected'),
      (error: unknown) => log.warn({ url: connection.url, err: reason(error) }, 'salt-api login failed; will retry on use'),
    );
    const pollers = await deps.settings().pollers();
    // Feature workers start before the consumer (hub subscribers miss nothing) and stop after it.
    for (const factory of deps.workers ?? []) {
      const worker = factory({ client, pollers, log });
      if (worker) workers.push(worker);
    }
    if (pollers.event_stream_enabled) {
      const consumer = createEventConsumer({ client, hub: deps.hub, logger: log });
      consumerStatus = consumer.status;
      workers.push(consumer);
    }
    for (const worker of workers) worker.start();
  }

  async function teardown(): Promise<void> {
    const stopping = workers.reverse();
    workers = [];
    consumerStatus = null;
    for (const worker of stopping) await worker.stop();
    await client?.close();
    client = null;
  }

  /** Runs start/stop/reload one at a time, in the order asked. */
  function serially(step: () => Promise<void>): Promise<void> {
    transition = transition.then(step, step);
    return transition;
  }

  const link: SaltLink = {
    reload: () => serially(async () => {
      await teardown();
      await wire();
    }),
    async probe(connection: SaltConnection): Promise<SaltTestResult> {
      const trial = createSaltClient(connection, { timeoutMs: 10_000, maxRetries: 0 });
      try {
        await trial.login();
      } catch (error) {
        await trial.close();
        return { ok: false, detail: `auth failed: ${reason(error)}` };
      }
      try {
        const present = await trial.managePresent();
        return { ok: true, detail: 'logged in', minion_count: present.length };
      } catch (error) {
        return { ok: true, detail: `logged in (manage.present failed: ${reason(error)})` };
      } finally {
        await trial.close();
      }
    },
  };

  return {
    ...link,
    /** Wires from the saved settings; safe to call when already wired (it rewires). */
    start: link.reload,
    stop: () => serially(teardown),
    /** The live client, or 503 when no connection is configured. */
    client(): SaltClient {
      if (!client) throw new UpstreamUnavailableError(NOT_CONFIGURED);
      return client;
    },
    eventStream: () => consumerStatus?.() ?? null,
  };
}
