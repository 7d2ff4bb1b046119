import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from '../http/schemas.js';

export const UserSummary = Type.Object({
  id: Uuid,
  username: Type.String(),
  display_name: Type.String(),
  email: Nullable(Type.String()),
  is_active: Type.Boolean(),
  is_builtin: Type.Boolean(),
  must_change_pw: Type.Boolean(),
  created_at: IsoDateTime,
  last_login_at: Nullable(IsoDateTime),
});
export type UserSummary = Static<typeof UserSummary>;

export const UserList = Type.Object({ total: Type.Integer(), users: Type.Array(UserSummary) });

const Password = Type.String({ minLength: 8, maxLength: 1024 });
const Email = Type.String({ format: 'email', maxLength: 320 });

export const UserCreate = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\s:]+$' }),
  display_name: Type.String({ maxLength: 255, default: '' }),
  email: Type.Optional(Nullable(Email)),
  password: Password,
  must_change_pw: Type.Boolean({ default: true }),
  role_ids: Type.Array(Uuid, { default: [], maxItems: 100 }),
});
export type UserCreate = Static<typeof UserCreate>;

/** `null` leaves a field unchanged (the reference contract); an empty `email` clears it. */
export const UserUpdate = Type.Object({
  display_name: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  email: Type.Optional(Nullable(Type.Union([Email, Type.Literal('')]))),
  is_active: Type.Optional(Nullable(Type.Boolean())),
});
export type UserUpdate = Static<typeof UserUpdate>;

export const PasswordReset = Type.Object({
  new_password: Password,
  must_change_pw: Type.Boolean({ default: true }),
});
export type PasswordReset = Static<typeof PasswordReset>;

export const RoleLink = Type.Object({ role_id: Uuid });
export const UserParams = Type.Object({ user_id: Uuid });
export const UserRoleParams = Type.Object({ user_id: Uuid, role_id: Uuid });
