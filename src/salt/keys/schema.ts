import { Type, type Static } from 'typebox';

export const KeyStatus = Type.Union([Type.Literal('accepted'), Type.Literal('pending'), Type.Literal('rejected'), Type.Literal('denied')]);

export const KeyView = Type.Object({ id: Type.String(), status: KeyStatus });
export type KeyView = Static<typeof KeyView>;

export const KeyList = Type.Object({ total: Type.Integer(), keys: Type.Array(KeyView) });
export type KeyList = Static<typeof KeyList>;

/** Salt's key `match` is a glob and a comma list, so an id holding `* ? [ ] ,` would hit other keys. */
export const GLOB_CHARACTERS = /[*?[\],]/;

export const KeyParams = Type.Object({
  key_id: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^*?\\[\\],]+$', description: 'One minion id, not a pattern' }),
});
export type KeyParams = Static<typeof KeyParams>;

export type KeyAction = 'accept' | 'reject' | 'delete';
