/** A permission an action needs: a verb on a resource family (`accept` on `key`). */
export interface Permission {
  verb: string;
  family: string;
}

const perm = (verb: string, family: string): Permission => Object.freeze({ verb, family });

/**
 * The permissions the web app checks, mirroring `src/core/rbac/permissions.ts` (kept as values
 * here because the web bundle imports only types from the server).
 */
export const P = {
  usersView: perm('view', 'user'),
  usersManage: perm('manage_user', 'user'),
  rolesView: perm('view', 'role'),
  rolesManage: perm('manage_role', 'role'),
  auditView: perm('view', 'audit'),
  apiKeysView: perm('view', 'api_key'),
  apiKeysManage: perm('manage', 'api_key'),
  minionsView: perm('view', 'minion'),
  keysView: perm('view', 'key'),
  jobsView: perm('view', 'job'),
  jobsKill: perm('kill', 'job'),
  keysAccept: perm('accept', 'key'),
  keysReject: perm('reject', 'key'),
  keysDelete: perm('delete', 'key'),
  saltExecute: perm('execute', 'salt'),
  machinesView: perm('view', 'machine'),
  alertsView: perm('view', 'alert'),
  settingsEdit: perm('edit', 'settings'),
} as const;
