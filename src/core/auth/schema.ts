import { Type, type Static } from 'typebox';
import { Uuid } from '../http/schemas.js';

export const LoginPayload = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 255 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginPayload = Static<typeof LoginPayload>;

export const GrantView = Type.Object({ verb: Type.String(), resource_glob: Type.String() });

/** The signed-in user as the Salt console contract shows it (no id, no email). */
export const UserOut = Type.Object({
  username: Type.String(),
  display_name: Type.String(),
  must_change_pw: Type.Boolean(),
  permissions: Type.Array(GrantView),
});
export type UserOut = Static<typeof UserOut>;

export const ChangePassword = Type.Object({
  current_password: Type.String({ maxLength: 1024 }),
  new_password: Type.String({ minLength: 8, maxLength: 1024 }),
});
export type ChangePassword = Static<typeof ChangePassword>;

export const TokenPair = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.String(),
});
export type TokenPair = Static<typeof TokenPair>;

export const RefreshPayload = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 512 }) });
export const LogoutPayload = Type.Object({ refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) });

/** `/api/v1/auth/me`: who is calling, user or API key. */
export const Principal = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
  id: Type.String(),
  name: Type.String(),
  user_id: Type.Union([Uuid, Type.Null()]),
  must_change_pw: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
