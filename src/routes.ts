import type { FastifyInstance } from 'fastify';
import { apiKeyRoutes } from './core/auth/api-keys/routes.js';
import { sessionRoutes, tokenRoutes, type CookieSettings } from './core/auth/routes.js';
import { auditRecordRoutes, auditRoutes } from './core/audit/routes.js';
import type { RouteTable } from './core/http/app.js';
import { roleRoutes } from './core/rbac/routes.js';
import { userRoutes } from './core/users/routes.js';
import { saltDocsRoutes } from './salt/docs/routes.js';
import { saltSettingsRoutes } from './salt/settings/routes.js';
import { activityRoutes } from './salt/activity/routes.js';
import { keyRoutes } from './salt/keys/routes.js';
import { minionRoutes } from './salt/minions/routes.js';
import { jobsRoutes } from './salt/jobs/routes.js';
import { runRoutes } from './salt/run/routes.js';
import type { Services } from './server.js';

/** Every endpoint, by URL prefix: the one place to find where a path is served. */
export function routeTable(services: Services, cookie: CookieSettings): RouteTable {
  return {
    /** The Salt console surface and the shared identity endpoints: `/api/...`. */
    async api(api: FastifyInstance) {
      await api.register(sessionRoutes, { prefix: '/api/auth', auth: services.auth, cookie });
      await api.register(userRoutes, { prefix: '/api/users', users: services.users });
      await api.register(roleRoutes, { prefix: '/api/roles', rbac: services.rbac });
      await api.register(auditRoutes, { prefix: '/api/audit', audit: services.audit });
      await api.register(saltSettingsRoutes, { prefix: '/api/admin/settings', saltSettings: services.saltSettings });
      await api.register(saltDocsRoutes, { prefix: '/api/salt', docs: services.saltDocs });
      await api.register(minionRoutes, { prefix: '/api/minions', minions: services.minions });
      await api.register(keyRoutes, { prefix: '/api/keys', keys: services.keys });
      await api.register(activityRoutes, { prefix: '/api/activity', activity: services.activity });
      await api.register(jobsRoutes, { prefix: '/api/jobs', jobs: services.jobs });
      await api.register(runRoutes, { prefix: '/api/run', run: services.run });
    },
    /** The plant console surface: `/api/v1/...` (the prefix is the scope's). */
    async v1(v1: FastifyInstance) {
      await v1.register(tokenRoutes, { prefix: '/auth', auth: services.auth });
      await v1.register(apiKeyRoutes, { prefix: '/settings/api-keys', apiKeys: services.apiKeys });
      await v1.register(auditRecordRoutes, { prefix: '/audit', audit: services.audit });
    },
  };
}
