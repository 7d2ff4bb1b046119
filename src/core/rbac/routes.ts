import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/route-config.js';
import { LimitOffsetQuery, NoContent } from '../http/schemas.js';
import { P } from './permissions.js';
import { PermissionCreate, PermissionView, RoleCreate, RoleDetail, RoleList, RoleParams, RolePermissionParams, RoleSummary, RoleUpdate } from './schema.js';
import type { RbacService } from './service.js';

/** `/api/roles`: custom roles and their permissions (salt-console.md §3.3). */
export const roleRoutes: FastifyPluginAsyncTypebox<{ rbac: RbacService }> = async (r, { rbac }) => {
  r.get('/', {
    config: { permission: P.rolesView },
    schema: { tags: ['roles'], querystring: LimitOffsetQuery(500, 50), response: { 200: RoleList } },
  }, (req) => rbac.list(req.query.limit, req.query.offset));

  r.get('/:role_id', {
    config: { permission: P.rolesView },
    schema: { tags: ['roles'], params: RoleParams, response: { 200: RoleDetail } },
  }, (req) => rbac.get(req.params.role_id));

  r.post('/', {
    config: { permission: P.rolesManage },
    schema: { tags: ['roles'], body: RoleCreate, response: { 201: RoleSummary } },
  }, async (req, reply) => reply.status(201).send(await rbac.create(actorOf(req), req.body)));

  r.patch('/:role_id', {
    config: { permission: P.rolesManage },
    schema: { tags: ['roles'], params: RoleParams, body: RoleUpdate, response: { 200: RoleSummary } },
  }, (req) => rbac.update(actorOf(req), req.params.role_id, req.body));

  r.delete('/:role_id', {
    config: { permission: P.rolesManage },
    schema: { tags: ['roles'], params: RoleParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await rbac.remove(actorOf(req), req.params.role_id)));

  r.post('/:role_id/permissions', {
    config: { permission: P.rolesManage },
    schema: { tags: ['roles'], params: RoleParams, body: PermissionCreate, response: { 201: PermissionView } },
  }, async (req, reply) => reply.status(201).send(await rbac.addPermission(actorOf(req), req.params.role_id, req.body)));

  r.delete('/:role_id/permissions/:permission_id', {
    config: { permission: P.rolesManage },
    schema: { tags: ['roles'], params: RolePermissionParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await rbac.removePermission(actorOf(req), req.params.role_id, req.params.permission_id)));
};
