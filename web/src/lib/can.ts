import type { ReactNode } from 'react';
import type { Permission } from './permissions';
import { useUser, type Grant } from './session';
// The server's matcher itself (pure code, no server dependencies), so the two can never disagree.
import { globMatch, globMayMatchPrefix } from '../../../src/core/rbac/glob';


interface HasGrants {
  permissions: Grant[];
}

/**
 * May `user` ever do `verb` to something of `family`? True when a grant's verb glob matches the
 * verb and its resource glob could match some `family:…` resource, the same question the
 * server's route check answers (`accept:key:web-*` allows the accept button for `key`). The
 * server stays the authority on the object itself.
 */
export function can(user: HasGrants | null | undefined, verb: string, family: string): boolean {
  if (!user) return false;
  const prefix = `${family}:`;
  return user.permissions.some(
    (grant) => globMatch(grant.verb, verb) && globMayMatchPrefix(grant.resource_glob, prefix),
  );
}

/** `can` for a catalog permission (`P.usersManage`). */
export const canDo = (user: HasGrants | null | undefined, permission: Permission): boolean =>
  can(user, permission.verb, permission.family);

/** Whether the signed-in user may do `verb` on `family` (or a catalog permission). */
export function useCan(permission: Permission): boolean;
export function useCan(verb: string, family: string): boolean;
export function useCan(verbOrPermission: string | Permission, family?: string): boolean {
  const user = useUser();
  if (typeof verbOrPermission === 'string') return can(user, verbOrPermission, family ?? '');
  return canDo(user, verbOrPermission);
}

interface CanProps {
  verb: string;
  family: string;
  children: ReactNode;
  /** What to render without the permission; nothing by default. */
  fallback?: ReactNode;
}

/** Renders `children` only when the user holds the permission: `<Can {...P.usersManage}>`. */
export function Can({ verb, family, children, fallback = null }: CanProps): ReactNode {
  return useCan(verb, family) ? children : fallback;
}
