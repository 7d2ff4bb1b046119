import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from '../../http/schemas.js';

/** `verb:resource`, e.g. `ingest:reading:*`. */
const GrantString = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^\\s:]+:\\S+$' });

export const ApiKeyView = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  permissions: Type.Array(Type.String()),
  site_ids: Nullable(Type.Array(Uuid)),
  created_by: Uuid,
  created_at: IsoDateTime,
  expires_at: Nullable(IsoDateTime),
  last_used_at: Nullable(IsoDateTime),
  revoked_at: Nullable(IsoDateTime),
});
export type ApiKeyView = Static<typeof ApiKeyView>;

/** Returned once, at creation: the only time the secret is shown. */
export const ApiKeyCreated = Type.Intersect([ApiKeyView, Type.Object({ key: Type.String() })]);
export type ApiKeyCreated = Static<typeof ApiKeyCreated>;

export const ApiKeyCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 128 }),
  permissions: Type.Array(GrantString, { minItems: 1, maxItems: 50 }),
  site_ids: Type.Optional(Nullable(Type.Array(Uuid, { maxItems: 500 }))),
  expires_at: Type.Optional(Nullable(IsoDateTime)),
});
export type ApiKeyCreate = Static<typeof ApiKeyCreate>;
