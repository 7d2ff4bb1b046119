/** A grant on a role: a verb glob and a resource glob, written `verb:resource`. */
export interface Grant {
  verb: string;
  resource_glob: string;
}

/** A permission an endpoint requires: a verb on a resource family (`accept` on `key`). */
export interface Permission {
  verb: string;
  family: string;
}

const perm = (verb: string, family: string): Permission => Object.freeze({ verb, family });

/** Endpoints open to anyone (login, health); stated explicitly on each such route. */
export const PUBLIC = 'public' as const;
/** Endpoints open to any signed-in principal, with no further permission. */
export const AUTHENTICATED = 'authenticated' as const;

/**
 * The permission catalog. Verbs and families follow the Salt console contract
 * (salt-console.md §3.2) and extend it to the plant console's resources.
 */
export const P = {
  usersView: perm('view', 'user'),
  usersManage: perm('manage_user', 'user'),
  rolesView: perm('view', 'role'),
  rolesManage: perm('manage_role', 'role'),
  auditView: perm('view', 'audit'),
  settingsEdit: perm('edit', 'settings'),
  apiKeysView: perm('view', 'api_key'),
  apiKeysManage: perm('manage', 'api_key'),
  // Salt console (salt-console.md §3.2, §4)
  jobsView: perm('view', 'job'),
  jobsKill: perm('kill', 'job'),
  saltExecute: perm('execute', 'salt'),
  minionsView: perm('view', 'minion'),
  keysView: perm('view', 'key'),
  keysAccept: perm('accept', 'key'),
  keysReject: perm('reject', 'key'),
  keysDelete: perm('delete', 'key'),
  eventsView: perm('view', 'event'),
  inventoryView: perm('view', 'inventory'),
  inventoryCollect: perm('collect', 'inventory'),
} as const;

/** `verb:family:*`, the display form of a permission. */
export function describe(permission: Permission): string {
  return `${permission.verb}:${permission.family}:*`;
}

/**
 * Parses `verb:resource` (the first `:` splits, so `view:job:*` is verb `view` on `job:*`).
 * Returns null for a string with no verb or resource.
 */
export function parseGrant(text: string): Grant | null {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return null;
  return { verb: text.slice(0, colon), resource_glob: text.slice(colon + 1) };
}

export const formatGrant = (grant: Grant): string => `${grant.verb}:${grant.resource_glob}`;
