import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { P } from '../../core/rbac/permissions.js';
import { ComplianceQuery, MinionCompliance, MinionDetail, MinionList, MinionListQuery, MinionParams, MinionRuns, RunsQuery } from './schema.js';
import type { MinionsService } from './service.js';

/** `/api/minions`, served from the snapshot (salt-console.md §4 Minions). */
export const minionRoutes: FastifyPluginAsyncTypebox<{ minions: MinionsService }> = async (r, { minions }) => {
  r.get('/', {
    config: { permission: P.minionsView },
    schema: { tags: ['minions'], querystring: MinionListQuery, response: { 200: MinionList } },
  }, (req) => minions.list(actorOf(req), req.query));

  r.get('/:minion_id', {
    config: { permission: P.minionsView },
    schema: { tags: ['minions'], params: MinionParams, response: { 200: MinionDetail } },
  }, (req) => minions.get(actorOf(req), req.params.minion_id));

  r.get('/:minion_id/runs', {
    config: { permission: P.minionsView },
    schema: { tags: ['minions'], params: MinionParams, querystring: RunsQuery, response: { 200: MinionRuns } },
  }, (req) => minions.runs(actorOf(req), req.params.minion_id, req.query.limit));

  r.get('/:minion_id/compliance', {
    config: { permission: P.minionsView },
    schema: { tags: ['minions'], params: MinionParams, querystring: ComplianceQuery, response: { 200: MinionCompliance } },
  }, (req) => minions.compliance(actorOf(req), req.params.minion_id, req.query.limit));
};
