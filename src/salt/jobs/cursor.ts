import { ValidationError } from '../../core/errors.js';
import type { Keyset } from './repo.js';

/** The opaque `cursor` of a jobs page: base64url of `[started_at, jid]` of its last row. */
export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.started_at, position.jid]), 'utf8').toString('base64url');
}

/** Reads a cursor back; anything that is not one of ours is a 422 naming `cursor`. */
export function decodeCursor(cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [startedAt, jid] = parsed as unknown[];
    if (typeof startedAt === 'string' && typeof jid === 'string' && /^\d{20}/.test(jid) && !Number.isNaN(Date.parse(startedAt))) {
      return { started_at: new Date(startedAt).toISOString(), jid };
    }
  }
  throw ValidationError.field('cursor', 'is not a cursor this endpoint issued', 422);
}
