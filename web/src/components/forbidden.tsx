import type { ReactNode } from 'react';
import type { Permission } from '../lib/permissions';
import { Can } from '../lib/can';

/** Shown in place of a page the user may not view. */
export function Forbidden({ permission }: { permission: Permission }) {
  return (
    <div className="placeholder" role="alert">
      <h1>Not allowed</h1>
      <p>
        Your account lacks the <code>{`${permission.verb}:${permission.family}:*`}</code> permission
        this page needs. Ask an administrator for a role that grants it.
      </p>
    </div>
  );
}

/** Renders a page only for users holding `permission`. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return (
    <Can verb={permission.verb} family={permission.family} fallback={<Forbidden permission={permission} />}>
      {children}
    </Can>
  );
}
