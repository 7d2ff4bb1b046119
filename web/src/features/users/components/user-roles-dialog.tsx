import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError } from '../../../components/form-error';
import { Loading, LoadError } from '../../../components/query-state';
import { useAddUserRole } from '../api/add-user-role';
import { useUserRoles } from '../api/get-user-roles';
import { useRemoveUserRole } from '../api/remove-user-role';
import type { RoleOption, UserSummary } from '../api/types';

/** Lists a user's roles with Remove buttons and adds one from the known roles. */
export function UserRolesDialog({ user, roles, onClose }: { user: UserSummary; roles: RoleOption[]; onClose: () => void }) {
  const selectId = useId();
  const [roleId, setRoleId] = useState('');
  const rolesQuery = useUserRoles(user.id);
  const addMutation = useAddUserRole();
  const removeMutation = useRemoveUserRole();

  const assigned = rolesQuery.data ?? [];
  const available = roles.filter((role) => !assigned.includes(role.id));
  const nameOf = (id: string) => roles.find((role) => role.id === id)?.name ?? id;

  const handleAdd = (event: FormEvent) => {
    event.preventDefault();
    if (!roleId) return;
    removeMutation.reset();
    addMutation.mutate({ userId: user.id, roleId }, { onSuccess: () => setRoleId('') });
  };

  const handleRemove = (id: string) => {
    addMutation.reset();
    removeMutation.mutate({ userId: user.id, roleId: id });
  };

  return (
    <Dialog
      open
      title={`Roles of ${user.username}`}
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      }
    >
      <FormError error={addMutation.error ?? removeMutation.error} />
      {rolesQuery.isPending ? <Loading /> : null}
      {rolesQuery.isError ? <LoadError error={rolesQuery.error} onRetry={() => void rolesQuery.refetch()} /> : null}
      {rolesQuery.isSuccess ? (
        <ul className="item-list" aria-label="Assigned">
          {assigned.length === 0 ? <li className="muted">No roles: this user can do nothing yet.</li> : null}
          {assigned.map((id) => (
            <li key={id} data-testid={`user-role-${nameOf(id)}`}>
              <span>{nameOf(id)}</span>
              <button
                type="button"
                className="button button-small button-danger-ghost"
                aria-label={`Remove ${nameOf(id)}`}
                disabled={removeMutation.isPending}
                onClick={() => handleRemove(id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="inline-form" onSubmit={handleAdd}>
        <div className="field">
          <label htmlFor={selectId}>Role</label>
          <select id={selectId} value={roleId} onChange={(event) => setRoleId(event.target.value)}>
            <option value="">Choose a role…</option>
            {available.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={!roleId || addMutation.isPending}>
          Add role
        </button>
      </form>
    </Dialog>
  );
}
