import type { Actor } from './actor.js';
import { globMatch, globMayMatchPrefix } from './glob.js';
import type { Grant, Permission } from './permissions.js';

function allows(grants: Grant[], verb: string, resource: string | null, family: string): boolean {
  return grants.some(
    (grant) =>
      globMatch(grant.verb, verb) &&
      (resource === null
        ? globMayMatchPrefix(grant.resource_glob, `${family}:`)
        : globMatch(grant.resource_glob, resource)),
  );
}

/**
 * May `actor` do `permission` on the object `objectId` (resource `family:objectId`)? Without an
 * object: may it ever do this to some object of that family? (the route-level question; a grant
 * such as `accept:key:web-*` answers yes there and is then checked against the real key).
 */
export function can(actor: Actor, permission: Permission, objectId?: string): boolean {
  const resource = objectId === undefined ? null : `${permission.family}:${objectId}`;
  return (
    actor.grantSets.length > 0 &&
    actor.grantSets.every((grants) => allows(grants, permission.verb, resource, permission.family))
  );
}

/** The grants a user holds, de-duplicated, for `UserOut.permissions`. */
export function uniqueGrants(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = `${grant.verb}\u0000${grant.resource_glob}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
