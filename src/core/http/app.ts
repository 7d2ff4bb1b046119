import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { apiKeyRoutes } from '../auth/api-keys/routes.js';
import type { ApiKeysService } from '../auth/api-keys/service.js';
import { sessionRoutes, tokenRoutes, type CookieSettings } from '../auth/routes.js';
import type { AuthService } from '../auth/service.js';
import { auditRecordRoutes, auditRoutes } from '../audit/routes.js';
import type { AuditService } from '../audit/service.js';
import { roleRoutes } from '../rbac/routes.js';
import type { RbacService } from '../rbac/service.js';
import { userRoutes } from '../users/routes.js';
import type { UsersService } from '../users/service.js';
import { installAuthorization } from './authorize.js';
import type { CounterStore } from './counters.js';
import { installErrorHandler, sendError } from './errors.js';
import { healthRoutes } from './health.js';
import { rateLimiter } from './rate-limit.js';
import { PUBLIC } from '../rbac/permissions.js';
import { validatorCompiler } from './validation.js';

export interface AppDeps {
  secret: string;
  cookie: CookieSettings;
  rateLimitPerMinute: number;
  counters: CounterStore;
  webDir: string;
  logger: FastifyServerOptions['logger'];
  checks: Record<string, () => Promise<void>>;
  services: {
    auth: AuthService;
    apiKeys: ApiKeysService;
    audit: AuditService;
    rbac: RbacService;
    users: UsersService;
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app: plumbing first, then every feature's routes, listed here in one place. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger,
    bodyLimit: 16 * 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  installErrorHandler(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie, { secret: deps.secret });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fleetdeck API', version: '0.1.0', description: 'Salt console (`/api`) and plant console (`/api/v1`) of Fleetdeck.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'halite_session' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ session: [] }, { bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const { services } = deps;
  await app.register(async (api) => {
    installAuthorization(api, { auth: services.auth, apiKeys: services.apiKeys, audit: services.audit, cookie: deps.cookie });
    api.get('/openapi.json', { config: { permission: PUBLIC }, schema: { hide: true } }, async () => app.swagger());
    await api.register(healthRoutes, { checks: deps.checks });

    // Salt console surface: /api
    await api.register(sessionRoutes, { prefix: '/api/auth', auth: services.auth, cookie: deps.cookie });
    await api.register(userRoutes, { prefix: '/api/users', users: services.users });
    await api.register(roleRoutes, { prefix: '/api/roles', rbac: services.rbac });
    await api.register(auditRoutes, { prefix: '/api/audit', audit: services.audit });

    // Plant console surface: /api/v1, rate limited
    await api.register(async (v1) => {
      v1.addHook('onRequest', rateLimiter({ counters: deps.counters, perMinute: deps.rateLimitPerMinute }));
      await v1.register(tokenRoutes, { prefix: '/auth', auth: services.auth });
      await v1.register(apiKeyRoutes, { prefix: '/settings/api-keys', apiKeys: services.apiKeys });
      await v1.register(auditRecordRoutes, { prefix: '/audit', audit: services.audit });
    }, { prefix: '/api/v1' });
  });

  const webDir = deps.webDir;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  // The web app routes in the browser: any other GET that wants a page gets index.html.
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendError(request, reply, 404, 'not_found', 'Not found', []);
  });
  return app;
}
