import { Type, type Static } from 'typebox';
import { Uuid } from '../http/schemas.js';

export const RoleSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  is_builtin: Type.Boolean(),
  permission_count: Type.Integer(),
});
export type RoleSummary = Static<typeof RoleSummary>;

export const PermissionView = Type.Object({ id: Uuid, verb: Type.String(), resource_glob: Type.String() });
export type PermissionView = Static<typeof PermissionView>;

export const RoleDetail = Type.Intersect([RoleSummary, Type.Object({ permissions: Type.Array(PermissionView) })]);
export type RoleDetail = Static<typeof RoleDetail>;

export const RoleList = Type.Object({ total: Type.Integer(), roles: Type.Array(RoleSummary) });

const RoleName = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' });

export const RoleCreate = Type.Object({
  name: RoleName,
  description: Type.String({ maxLength: 255, default: '' }),
});
export type RoleCreate = Static<typeof RoleCreate>;

export const RoleUpdate = Type.Object({
  name: Type.Optional(RoleName),
  description: Type.Optional(Type.String({ maxLength: 255 })),
});
export type RoleUpdate = Static<typeof RoleUpdate>;

/** Globs without white space; `:` separates the family from the name by convention. */
export const PermissionCreate = Type.Object({
  verb: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' }),
  resource_glob: Type.String({ minLength: 1, maxLength: 255, pattern: '^\\S+$' }),
});
export type PermissionCreate = Static<typeof PermissionCreate>;

export const RoleParams = Type.Object({ role_id: Uuid });
export const RolePermissionParams = Type.Object({ role_id: Uuid, permission_id: Uuid });
