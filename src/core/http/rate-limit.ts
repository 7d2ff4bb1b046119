import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../errors.js';
import type { CounterStore } from './counters.js';

const WINDOW_MS = 60_000;

/**
 * Per-minute limits with the seed's headers on every response (`X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`) and, past the limit, 429 with `Retry-After` and `X-RateLimit-Reset`
 * (Unix seconds). Keyed by API key or user, else by client address.
 */
export function rateLimiter(deps: { counters: CounterStore; perMinute: number; clock?: () => number }) {
  const clock = deps.clock ?? Date.now;
  return async function limit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const actor = request.actor;
    const key = actor ? `${actor.kind}:${actor.id}` : `ip:${request.ip}`;
    const { count, resetAtMs } = await deps.counters.hit(key, WINDOW_MS);
    const limit = deps.perMinute;
    reply.header('x-ratelimit-limit', String(limit));
    reply.header('x-ratelimit-remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      reply.header('x-ratelimit-reset', String(Math.ceil(resetAtMs / 1000)));
      throw new RateLimitedError(Math.max(1, Math.ceil((resetAtMs - clock()) / 1000)), 'Rate limit exceeded');
    }
  };
}
