import { useUserRoles } from '../api/get-user-roles';
import type { RoleOption } from '../api/types';

/** The names of one user's roles (the list endpoint does not carry them). */
export function UserRolesCell({ userId, roles }: { userId: string; roles: RoleOption[] }) {
  const rolesQuery = useUserRoles(userId);
  if (rolesQuery.isPending) return <span className="muted">…</span>;
  if (rolesQuery.isError) return <span className="muted">—</span>;
  if (rolesQuery.data.length === 0) return <span className="muted">none</span>;
  // Without access to role names (no view:role), say how many.
  if (roles.length === 0) {
    const count = rolesQuery.data.length;
    return <span>{`${count} ${count === 1 ? 'role' : 'roles'}`}</span>;
  }
  const names = rolesQuery.data.map((id) => roles.find((role) => role.id === id)?.name ?? id.slice(0, 8));
  return (
    <span className="tag-list">
      {names.map((name) => (
        <span key={name} className="tag">
          {name}
        </span>
      ))}
    </span>
  );
}
