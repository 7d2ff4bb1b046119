import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { NoContent } from '../../core/http/schemas.js';
import { P } from '../../core/rbac/permissions.js';
import { KeyList, KeyParams } from './schema.js';
import type { KeysService } from './service.js';

/** `/api/keys`, live from the master (salt-console.md §4 Keys). */
export const keyRoutes: FastifyPluginAsyncTypebox<{ keys: KeysService }> = async (r, { keys }) => {
  r.get('/', {
    config: { permission: P.keysView },
    schema: { tags: ['keys'], response: { 200: KeyList } },
  }, (req) => keys.list(actorOf(req)));

  r.post('/:key_id/accept', {
    config: { permission: P.keysAccept },
    schema: { tags: ['keys'], params: KeyParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await keys.accept(actorOf(req), req.params.key_id)));

  r.post('/:key_id/reject', {
    config: { permission: P.keysReject },
    schema: { tags: ['keys'], params: KeyParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await keys.reject(actorOf(req), req.params.key_id)));

  r.delete('/:key_id', {
    config: { permission: P.keysDelete },
    schema: { tags: ['keys'], params: KeyParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await keys.remove(actorOf(req), req.params.key_id)));
};
