import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../http/route-config.js';
import { LimitOffsetQuery, NoContent, Uuid } from '../http/schemas.js';
import { P } from '../rbac/permissions.js';
import { PasswordReset, RoleLink, UserCreate, UserList, UserParams, UserRoleParams, UserSummary, UserUpdate } from './schema.js';
import type { UsersService } from './service.js';

/** `/api/users`: accounts and role links (salt-console.md §4 Users). */
export const userRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (r, { users }) => {
  r.get('/', {
    config: { permission: P.usersView },
    schema: { tags: ['users'], querystring: LimitOffsetQuery(500, 50), response: { 200: UserList } },
  }, (req) => users.list(req.query.limit, req.query.offset));

  r.get('/:user_id', {
    config: { permission: P.usersView },
    schema: { tags: ['users'], params: UserParams, response: { 200: UserSummary } },
  }, (req) => users.get(req.params.user_id));

  r.post('/', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], body: UserCreate, response: { 201: UserSummary } },
  }, async (req, reply) => reply.status(201).send(await users.create(actorOf(req), req.body)));

  r.patch('/:user_id', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], params: UserParams, body: UserUpdate, response: { 200: UserSummary } },
  }, (req) => users.update(actorOf(req), req.params.user_id, req.body));

  r.delete('/:user_id', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], params: UserParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await users.remove(actorOf(req), req.params.user_id)));

  r.post('/:user_id/password', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], params: UserParams, body: PasswordReset, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await users.resetPassword(actorOf(req), req.params.user_id, req.body)));

  r.get('/:user_id/roles', {
    config: { permission: P.usersView },
    schema: { tags: ['users'], params: UserParams, response: { 200: Type.Array(Uuid) } },
  }, (req) => users.roleIds(req.params.user_id));

  r.post('/:user_id/roles', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], params: UserParams, body: RoleLink, response: { 200: NoContent, 201: NoContent } },
  }, async (req, reply) => {
    const added = await users.addRole(actorOf(req), req.params.user_id, req.body.role_id);
    return reply.status(added ? 201 : 200).send();
  });

  r.delete('/:user_id/roles/:role_id', {
    config: { permission: P.usersManage },
    schema: { tags: ['users'], params: UserRoleParams, response: { 204: NoContent } },
  }, async (req, reply) => reply.status(204).send(await users.removeRole(actorOf(req), req.params.user_id, req.params.role_id)));
};
