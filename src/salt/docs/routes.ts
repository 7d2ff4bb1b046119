import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { P } from '../../core/rbac/permissions.js';
import { FunctionCatalog } from './schema.js';
import type { SaltDocsService } from './service.js';

/** `/api/salt`: Salt's own documentation (salt-console.md §4 Salt docs). */
export const saltDocsRoutes: FastifyPluginAsyncTypebox<{ docs: SaltDocsService }> = async (r, { docs }) => {
  r.get('/functions', {
    config: { permission: P.saltExecute },
    schema: { tags: ['salt'], response: { 200: FunctionCatalog } },
  }, () => docs.functions());
};
