import type { Grant } from './permissions.js';

/**
 * Who is acting: a signed-in user (cookie session or bearer token), an API key, or the system
 * itself (workers, the CLI). Carries what authorization and the audit trail need.
 */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  /** User id, API key id, or `system`. */
  id: string;
  /** Username, API key name, or `system`. */
  name: string;
  /** The user behind the actor: the user itself, or the key's creator. */
  userId: string | null;
  /**
   * Every set must allow an action. A user has one set (the union of its roles); an API key has
   * its own grants and its creator's, so a key never exceeds the person who made it.
   */
  grantSets: Grant[][];
  mustChangePassword: boolean;
  sessionId?: string;
  requestId?: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'system',
  id: 'system',
  name: 'system',
  userId: null,
  grantSets: [[{ verb: '*', resource_glob: '*' }]],
  mustChangePassword: false,
});
