import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 32-byte key for one purpose, derived from FLEETDECK_SECRET so one secret serves all. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `fleetdeck/${purpose}`, 32));
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 of a high-entropy token: enough at rest, since such tokens cannot be guessed. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
