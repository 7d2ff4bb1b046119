import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/route-config.js';
import { IdParams, NoContent, Page, PageQuery } from '../../http/schemas.js';
import { P } from '../../rbac/permissions.js';
import { ApiKeyCreate, ApiKeyCreated, ApiKeyView } from './schema.js';
import type { ApiKeysService } from './service.js';

/** `/api/v1/settings/api-keys` (plant.md §2). */
export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeysService }> = async (r, { apiKeys }) => {
  r.get('/', {
    config: { permission: P.apiKeysView },
    schema: { tags: ['settings'], querystring: PageQuery, response: { 200: Page(ApiKeyView) } },
  }, (req) => apiKeys.list(req.query));

  r.get('/:id', {
    config: { permission: P.apiKeysView },
    schema: { tags: ['settings'], params: IdParams, response: { 200: ApiKeyView } },
  }, (req) => apiKeys.get(req.params.id));

  r.post('/', {
    config: { permission: P.apiKeysManage },
    schema: { tags: ['settings'], body: ApiKeyCreate, response: { 201: ApiKeyCreated } },
  }, async (req, reply) => {
    const created = await apiKeys.create(actorOf(req), req.body);
    return reply.status(201).header('location', `${req.url.replace(/\/?(\?.*)?$/, '')}/${created.id}`).send(created);
  });

  r.delete('/:id', {
    config: { permission: P.apiKeysManage },
    schema: { tags: ['settings'], params: IdParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await apiKeys.revoke(actorOf(req), req.params.id)));
};
