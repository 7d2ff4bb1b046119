import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { installAuthorization, type AuthorizeDeps } from './authorize.js';
import { installErrorHandler, sendError } from './errors.js';
import { healthRoutes } from './health.js';
import { installRateLimit, type RateLimitDeps } from './rate-limit.js';
import { PUBLIC } from '../rbac/permissions.js';
import { validatorCompiler } from './validation.js';

/**
 * Registers the features' routes into the two surfaces: `api` (the Salt console, `/api/...`)
 * and `v1` (the plant console, prefixed `/api/v1` and rate limited).
 */
export interface RouteTable {
  api(scope: FastifyInstance): Promise<void>;
  v1(scope: FastifyInstance): Promise<void>;
}

export interface AppDeps {
  secret: string;
  webDir: string;
  logger: FastifyBaseLogger;
  checks: Record<string, () => Promise<void>>;
  authorization: AuthorizeDeps;
  rateLimit: RateLimitDeps;
  /** Every feature's routes (src/routes.ts). */
  routes: RouteTable;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app: plumbing (ids, errors, auth, limits, docs, web app), then the routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
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

  await app.register(async (api) => {
    installAuthorization(api, deps.authorization);
    api.get('/openapi.json', { config: { permission: PUBLIC }, schema: { hide: true } }, async () => app.swagger());
    await api.register(healthRoutes, { checks: deps.checks });
    await deps.routes.api(api);
    await api.register(async (v1) => {
      installRateLimit(v1, deps.rateLimit);
      v1.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'not_found', 'Not found', []));
      await deps.routes.v1(v1);
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
