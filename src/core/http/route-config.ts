import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors.js';
import type { Actor } from '../rbac/actor.js';
import type { AUTHENTICATED, Permission, PUBLIC } from '../rbac/permissions.js';

export type RoutePermission = Permission | typeof PUBLIC | typeof AUTHENTICATED;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route; the app refuses to start without it. */
    permission?: RoutePermission;
    /** Reachable while the user still has to change the bootstrap password. */
    allowDuringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The acting principal of an authenticated route (the permission hook has set it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}
