import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { P } from '../../core/rbac/permissions.js';
import { RunCommandIn, RunDispatched, RunResult } from './schema.js';
import type { RunService } from './service.js';

/** `/api/run` (salt-console.md §4 Run): 202 when dispatched, 200 with the returns when waited for. */
export const runRoutes: FastifyPluginAsyncTypebox<{ run: RunService }> = async (r, { run }) => {
  r.post('/', {
    config: { permission: P.saltExecute },
    schema: { tags: ['run'], body: RunCommandIn, response: { 200: RunResult, 202: RunDispatched } },
  }, async (req, reply) => {
    const outcome = await run.run(actorOf(req), req.body);
    return reply.status(outcome.kind === 'dispatched' ? 202 : 200).send(outcome.body);
  });
};
