import type { FastifyInstance, FastifyServerOptions } from 'fastify';
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
import { usersService } from './core/users/service.js';

export interface Fleetdeck {
  app: FastifyInstance;
  database: Database;
  services: ReturnType<typeof createServices>;
  /** The bootstrap admin's generated password, when this start created the admin. */
  generatedAdminPassword: string | undefined;
  startWorkers(): void;
  close(): Promise<void>;
}

function createServices(database: Database, config: Readonly<Config>, counters: CounterStore) {
  const { db } = database;
  const audit = auditService({ db });
  const rbac = rbacService({ db, audit });
  const users = usersService({ db, audit, rbac });
  const auth = authService({
    db, audit, counters,
    settings: { secret: config.secret, sessionTtlMinutes: config.sessionTtlMinutes, accessTokenTtlSeconds: config.accessTokenTtlSeconds, refreshTokenTtlDays: config.refreshTokenTtlDays },
  });
  const apiKeys = apiKeysService({ db, audit });
  return { audit, rbac, users, auth, apiKeys };
}

/**
 * The composition root: config → database → migrations → services → app. Workers start
 * separately (after `listen`) so tests can drive the app without them.
 */
export async function createFleetdeck(config: Readonly<Config>, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<Fleetdeck> {
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  const counters = redis ? redisCounters(redis) : memoryCounters();
  const services = createServices(database, config, counters);
  await services.rbac.syncBuiltinRoles();
  const bootstrap = await services.users.bootstrapAdmin(config.adminPassword);

  const app = await buildApp({
    secret: config.secret,
    cookie: { secure: config.cookieSecure, maxAgeSeconds: config.sessionTtlMinutes * 60 },
    rateLimitPerMinute: config.rateLimitPerMinute,
    counters,
    webDir: config.webDir,
    logger: options.logger ?? { level: config.logLevel },
    checks: { db: () => ping(database.db), ...(redis ? { redis: async () => void (await redis.ping()) } : {}) },
    services,
  });
  const workers = workerRegistry(app.log);

  return {
    app,
    database,
    services,
    generatedAdminPassword: bootstrap.password,
    startWorkers() {
      workers.start(intervalWorker('session-sweeper', 15 * 60_000, () => services.auth.sweepExpiredSessions(), app.log));
    },
    async close() {
      await workers.stopAll();
      await app.close();
      await counters.close();
      await database.destroy();
    },
  };
}
