import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from '../auth/keys.js';

/**
 * Encrypts settings secrets (the Salt-API password, channel tokens) at rest with AES-256-GCM
 * under a key derived from FLEETDECK_SECRET for that purpose. Rotating the secret makes stored
 * secrets unreadable, and `open` says so.
 */
export function secretBox(secret: string, purpose: string) {
  const key = deriveKey(secret, `settings/${purpose}`);
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed: string): string {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('stored secret is malformed');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('stored secret could not be decrypted (was FLEETDECK_SECRET changed?)');
      }
    },
  };
}
