import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/service.js';
import type { ApiKeysService } from '../auth/api-keys/service.js';
import { SESSION_COOKIE, setSessionCookie, type CookieSettings } from '../auth/routes.js';
import type { AuthService } from '../auth/service.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Actor } from '../rbac/actor.js';
import { AUTHENTICATED, describe, PUBLIC } from '../rbac/permissions.js';
import { can } from '../rbac/rbac.js';

export interface AuthorizeDeps {
  auth: AuthService;
  apiKeys: ApiKeysService;
  audit: AuditService;
  cookie: CookieSettings;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for browser writes: an unsafe request whose Origin (or, with
 * no Origin, Fetch Metadata) says it came from another site is refused. Same-origin pages and
 * non-browser clients (no Origin header) pass.
 */
function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== request.headers.host) throw new ForbiddenError('Cross-site request refused');
    return;
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new ForbiddenError('Cross-site request refused');
}

async function resolveActor(request: FastifyRequest, reply: FastifyReply, deps: AuthorizeDeps): Promise<Actor> {
  const meta = { requestId: String(request.id), ip: request.ip };
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return deps.apiKeys.resolve(apiKey, meta);
  const authorization = request.headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) return deps.auth.resolveBearer(authorization.slice(7).trim(), meta);
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) throw new UnauthenticatedError('Not authenticated');
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) throw new UnauthenticatedError('Invalid session');
  const { actor, renewed } = await deps.auth.resolveSession(unsigned.value, { ...meta, userAgent: request.headers['user-agent'] ?? '' });
  if (renewed) setSessionCookie(reply, unsigned.value, deps.cookie);
  return actor;
}

/**
 * The one permission hook. Every route in the scope must declare `config.permission` (the app
 * refuses to start otherwise, and the permission is published in the OpenAPI operation). Each
 * request is authenticated (API key, bearer token or session cookie), guarded against
 * cross-site writes, held to a pending password change, and checked; refusals are audited.
 */
export function installAuthorization(scope: FastifyInstance, deps: AuthorizeDeps): void {
  scope.decorateRequest('actor', null);

  scope.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission === undefined) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    const text = typeof permission === 'string' ? permission : describe(permission);
    route.schema = { ...route.schema, description: [route.schema?.description, `Permission: \`${text}\``].filter(Boolean).join('\n\n') };
  });

  scope.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const permission = config.permission;
    assertSameOrigin(request);
    if (permission === PUBLIC || permission === undefined) return;
    const actor = await resolveActor(request, reply, deps);
    request.actor = actor;
    if (actor.mustChangePassword && !config.allowDuringPasswordChange) {
      throw new ForbiddenError('Password change required');
    }
    if (permission === AUTHENTICATED || can(actor, permission)) return;
    await deps.audit.recordAlone(actor, {
      action: 'access.denied',
      resource: `${permission.family}:*`,
      args: { permission: describe(permission), method: request.method, path: request.url.split('?')[0] },
      decision: 'deny',
      resultCode: 403,
    });
    throw new ForbiddenError();
  });
}
