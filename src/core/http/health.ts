import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../rbac/permissions.js';

const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
  checks: Type.Record(Type.String(), Type.String()),
});

/** `/healthz` (the process is up) and `/readyz` (it can serve: the database answers). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ checks: Record<string, () => Promise<void>> }> = async (r, { checks }) => {
  r.get('/healthz', {
    config: { permission: PUBLIC },
    schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  r.get('/readyz', {
    config: { permission: PUBLIC },
    schema: { tags: ['health'], response: { 200: Ready, 503: Ready } },
  }, async (_req, reply) => {
    const results: Record<string, string> = {};
    for (const [name, check] of Object.entries(checks)) {
      results[name] = await check().then(() => 'ok', (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`);
    }
    const ready = Object.values(results).every((v) => v === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'degraded', checks: results });
  });
};
