import type { MouseEvent } from 'react';
import { Badge } from '../../../components/badge';
import type { RoleSummary } from '../api/types';

interface RolesTableProps {
  roles: RoleSummary[];
  selectedId: string | null;
  canManage: boolean;
  onSelect: (role: RoleSummary) => void;
  onEdit: (role: RoleSummary) => void;
  onDelete: (role: RoleSummary) => void;
}

/** The roles list; selecting a row opens its permissions beside it. */
export function RolesTable({ roles, selectedId, canManage, onSelect, onEdit, onDelete }: RolesTableProps) {
  // Row buttons act on their own; the rest of the row selects the role.
  const stop = (handler: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    handler();
  };

  return (
    <div className="table-wrap">
      <table className="table table-selectable">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Permissions</th>
            {canManage ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr
              key={role.id}
              data-testid={`role-row-${role.name}`}
              aria-selected={role.id === selectedId}
              className={role.id === selectedId ? 'is-selected' : undefined}
              onClick={() => onSelect(role)}
            >
              <td>
                <span className="cell-title">
                  <button type="button" className="link-button strong" onClick={stop(() => onSelect(role))}>
                    {role.name}
                  </button>
                  {role.is_builtin ? <Badge tone="accent">built-in</Badge> : null}
                </span>
              </td>
              <td>{role.description || <span className="muted">—</span>}</td>
              <td className="numeric">{role.permission_count}</td>
              {canManage ? (
                <td className="row-actions">
                  <button type="button" className="button button-small" onClick={stop(() => onEdit(role))}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-ghost"
                    onClick={stop(() => onDelete(role))}
                    disabled={role.is_builtin}
                    title={role.is_builtin ? 'Built-in roles cannot be deleted' : undefined}
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
