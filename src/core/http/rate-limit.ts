import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../errors.js';
import type { CounterStore } from './counters.js';
import { plantErrorBody } from './errors.js';

const WINDOW_MS = 60_000;
const LIMIT_HEADER = 'x-ratelimit-limit';

export interface RateLimitDeps {
  counters: CounterStore;
  perMinute: number;
  clock?: () => number;
}

/**
 * Per-minute limits on a scope, with the seed's headers on every response (`X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`) and, past the limit, 429 with `Retry-After` and `X-RateLimit-Reset`
 * (Unix seconds). Keyed by API key or user, else by client address.
 */
export function installRateLimit(scope: FastifyInstance, deps: RateLimitDeps): void {
  const clock = deps.clock ?? Date.now;

  /** Counts the request and sets the headers. */
  async function count(request: FastifyRequest, reply: FastifyReply): Promise<{ over: boolean; resetAtMs: number }> {
    const actor = request.actor;
    const key = actor ? `${actor.kind}:${actor.id}` : `ip:${request.ip}`;
    const { count: hits, resetAtMs } = await deps.counters.hit(key, WINDOW_MS);
    reply.header(LIMIT_HEADER, String(deps.perMinute));
    reply.header('x-ratelimit-remaining', String(Math.max(0, deps.perMinute - hits)));
    return { over: hits > deps.perMinute, resetAtMs };
  }

  function exceeded(reply: FastifyReply, resetAtMs: number): RateLimitedError {
    reply.header('x-ratelimit-reset', String(Math.ceil(resetAtMs / 1000)));
    return new RateLimitedError(Math.max(1, Math.ceil((resetAtMs - clock()) / 1000)), 'Rate limit exceeded');
  }

  scope.addHook('onRequest', async (request, reply) => {
    const { over, resetAtMs } = await count(request, reply);
    if (over) throw exceeded(reply, resetAtMs);
  });

  // A request refused before the limit ran (bad credentials: 401, 403, 404) counts too, so
  // guessing tokens or keys is limited like anything else: past the limit it becomes a 429.
  scope.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader(LIMIT_HEADER)) return payload;
    const { over, resetAtMs } = await count(request, reply);
    if (!over) return payload;
    const error = exceeded(reply, resetAtMs);
    reply.code(error.status).header('retry-after', String(error.retryAfterSeconds)).type('application/json; charset=utf-8');
    return JSON.stringify(plantErrorBody(error.code, error.message, [], String(request.id)));
  });
}
