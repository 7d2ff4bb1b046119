import { pino } from 'pino';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { apiKeysService } from './core/auth/api-keys/service.js';
import { authService } from './core/auth/service.js';
import { auditService } from './core/audit/service.js';
import type { Config } from './core/config/index.js';
import { migrateToLatest, openDatabase, type Database } from './core/db/database.js';
import { ping } from './core/db/dialect.js';
import { buildApp } from './core/http/app.js';
import { memoryCounters, redisCounters, type CounterStore } from './core/http/counters.js';
import { intervalWorker, workerRegistry } from './core/lifecycle.js';
import { rbacService } from './core/rbac/service.js';
import { routeTable } from './routes.js';
import { settingsService } from './core/settings/service.js';
import { usersService } from './core/users/service.js';
import type { SaltEvent } from './salt/client/parse/events.js';
import { saltRuntime } from './salt/connection/runtime.js';
import { saltDocsService } from './salt/docs/service.js';
import { createEventHub } from './salt/events/hub.js';
import { saltSettingsService } from './salt/settings/service.js';
import { activityService } from './salt/activity/service.js';
import { activityRetentionWorker, activityWorkers } from './salt/activity/worker.js';
import { keysService } from './salt/keys/service.js';
import { minionStateService } from './salt/minions/refresh.js';
import { minionsService } from './salt/minions/service.js';
import { minionWorkers } from './salt/minions/worker.js';
import { jobsService } from './salt/jobs/service.js';
import { jobsRetentionWorker, jobsWorkers } from './salt/jobs/worker.js';
import { runService } from './salt/run/service.js';

export interface Fleetdeck {
  app: FastifyInstance;
  database: Database;
  services: Services;
  /** The bootstrap admin's generated password, when this start created the admin. */
  generatedAdminPassword: string | undefined;
  startWorkers(): void;
  close(): Promise<void>;
}

export type Services = ReturnType<typeof createServices>;

function createServices(database: Database, config: Readonly<Config>, counters: CounterStore, logger: FastifyBaseLogger) {
  const { db } = database;
  const audit = auditService({ db });
  const rbac = rbacService({ db, audit });
  const users = usersService({ db, audit, rbac });
  const auth = authService({
    db, audit, counters,
    settings: { secret: config.secret, sessionTtlMinutes: config.sessionTtlMinutes, accessTokenTtlSeconds: config.accessTokenTtlSeconds, refreshTokenTtlDays: config.refreshTokenTtlDays },
  });
  const apiKeys = apiKeysService({ db, audit });
  const settings = settingsService({ db, audit });
  const saltEvents = createEventHub<SaltEvent>({ onDrop: () => logger.warn('a slow Salt event subscriber dropped an event') });
  const minionState = minionStateService({ db, client: () => salt.client() });
  const minions = minionsService({ db, rbac });
  const keys = keysService({ audit, rbac, salt: () => salt.client(), minions: minionState });
  const activity = activityService({ db, audit, settings: () => saltSettings, localStream: () => salt.eventStream() !== null, redisUrl: config.redisUrl, logger });
  const jobs = jobsService({ db, rbac, audit, settings, salt: { client: () => salt.client() } });
  const run = runService({ rbac, audit, salt: { client: () => salt.client() }, jobs });
  const saltDocs = saltDocsService({ client: () => salt.client() });
  const saltWorkers = [...minionWorkers(minionState, saltEvents), ...activityWorkers(activity, saltEvents), ...jobsWorkers(jobs, saltEvents)];
  const salt = saltRuntime({ settings: () => saltSettings, hub: saltEvents, logger, workers: saltWorkers });
  const saltSettings = saltSettingsService({ settings, secret: config.secret, link: () => salt });
  return { audit, rbac, users, auth, apiKeys, settings, saltSettings, saltEvents, salt, minionState, minions, keys, activity, jobs, run, saltDocs };
}

/**
 * The composition root: config → database → migrations → services → app. Workers start
 * separately (after `listen`) so tests can drive the app without them.
 */
export async function createFleetdeck(config: Readonly<Config>, options: { logger?: false } = {}): Promise<Fleetdeck> {
  const logger: FastifyBaseLogger = pino({ level: options.logger === false ? 'silent' : config.logLevel });
  const database = openDatabase(config.databaseUrl, { onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection was dropped') });
  await migrateToLatest(database);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  const counters = redis ? redisCounters(redis) : memoryCounters();
  const services = createServices(database, config, counters, logger);
  await services.rbac.syncBuiltinRoles();
  const bootstrap = await services.users.bootstrapAdmin(config.adminPassword);

  const cookie = { secure: config.cookieSecure, maxAgeSeconds: config.sessionTtlMinutes * 60 };
  const app = await buildApp({
    secret: config.secret,
    webDir: config.webDir,
    logger,
    checks: { db: () => ping(database.db), ...(redis ? { redis: async () => void (await redis.ping()) } : {}) },
    authorization: { auth: services.auth, apiKeys: services.apiKeys, audit: services.audit, cookie },
    rateLimit: { counters, perMinute: config.rateLimitPerMinute },
    routes: routeTable(services, cookie),
  });
  const workers = workerRegistry(app.log);

  return {
    app,
    database,
    services,
    generatedAdminPassword: bootstrap.password,
    startWorkers() {
      workers.start(intervalWorker('session-sweeper', 15 * 60_000, () => services.auth.sweepExpiredSessions(), app.log));
      workers.start(activityRetentionWorker(services.activity, app.log));
      workers.start(jobsRetentionWorker(services.jobs, app.log));
      services.salt.start().catch((error: unknown) => app.log.error({ err: error }, 'salt connection failed to start'));
    },
    async close() {
      await workers.stopAll();
      // Also stops what a settings change wired while workers were not started (tests, CLI).
      await services.salt.stop();
      // Open event streams would hold the HTTP server open; Redis connections too.
      await services.activity.close();
      await app.close();
      await counters.close();
      await database.destroy();
    },
  };
}
