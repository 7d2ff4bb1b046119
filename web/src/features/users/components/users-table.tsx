import { Badge } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';
import type { RoleOption, UserSummary } from '../api/types';
import { UserRolesCell } from './user-roles-cell';

interface UsersTableProps {
  users: UserSummary[];
  roles: RoleOption[];
  canManage: boolean;
  onEdit: (user: UserSummary) => void;
  onEditRoles: (user: UserSummary) => void;
  onResetPassword: (user: UserSummary) => void;
  onDelete: (user: UserSummary) => void;
}

/** The users list; row actions appear only for users who may manage users. */
export function UsersTable({ users, roles, canManage, onEdit, onEditRoles, onResetPassword, onDelete }: UsersTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Display name</th>
            <th scope="col">Email</th>
            <th scope="col">Active</th>
            <th scope="col">Roles</th>
            <th scope="col">Last login</th>
            {canManage ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.username}`}>
              <td>
                <span className="cell-title">
                  <span className="strong">{user.username}</span>
                  {user.is_builtin ? <Badge tone="accent">built-in</Badge> : null}
                  {user.must_change_pw ? (
                    <Badge tone="warning" title="Must choose a new password at next sign-in">
                      must change pw
                    </Badge>
                  ) : null}
                </span>
              </td>
              <td>{user.display_name || <span className="muted">—</span>}</td>
              <td>{user.email ?? <span className="muted">—</span>}</td>
              <td>
                {user.is_active ? <Badge tone="success">active</Badge> : <Badge tone="neutral">inactive</Badge>}
              </td>
              <td>
                <UserRolesCell userId={user.id} roles={roles} />
              </td>
              <td>{formatDateTime(user.last_login_at)}</td>
              {canManage ? (
                <td className="row-actions">
                  <button type="button" className="button button-small" onClick={() => onEdit(user)}>
                    Edit
                  </button>
                  <button type="button" className="button button-small" onClick={() => onEditRoles(user)}>
                    Roles
                  </button>
                  <button type="button" className="button button-small" onClick={() => onResetPassword(user)}>
                    Password
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-ghost"
                    onClick={() => onDelete(user)}
                    disabled={user.is_builtin}
                    title={user.is_builtin ? 'Built-in users cannot be deleted' : undefined}
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
