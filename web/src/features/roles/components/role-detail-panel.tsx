import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { FormError, fieldError } from '../../../components/form-error';
import { TextField } from '../../../components/form-field';
import { Loading, LoadError } from '../../../components/query-state';
import { useAddPermission } from '../api/add-permission';
import { useRole } from '../api/get-role';
import { useRemovePermission } from '../api/remove-permission';
import type { PermissionView } from '../api/types';

const formatGrant = (permission: Pick<PermissionView, 'verb' | 'resource_glob'>) =>
  `${permission.verb}:${permission.resource_glob}`;

/** One role's permissions as `verb:resource_glob`; editable for custom roles by role managers. */
export function RoleDetailPanel({ roleId, canManage }: { roleId: string; canManage: boolean }) {
  const roleQuery = useRole(roleId);
  const [verb, setVerb] = useState('');
  const [resourceGlob, setResourceGlob] = useState('');
  const addMutation = useAddPermission();
  const removeMutation = useRemovePermission();

  if (roleQuery.isPending) return <aside className="panel"><Loading /></aside>;
  if (roleQuery.isError) {
    return (
      <aside className="panel">
        <LoadError error={roleQuery.error} onRetry={() => void roleQuery.refetch()} />
      </aside>
    );
  }

  const role = roleQuery.data;
  const editable = canManage && !role.is_builtin;

  const handleAdd = (event: FormEvent) => {
    event.preventDefault();
    removeMutation.reset();
    addMutation.mutate(
      { roleId: role.id, verb: verb.trim(), resource_glob: resourceGlob.trim() },
      {
        onSuccess: () => {
          setVerb('');
          setResourceGlob('');
        },
      },
    );
  };

  const handleRemove = (permission: PermissionView) => {
    addMutation.reset();
    removeMutation.mutate({ roleId: role.id, permissionId: permission.id });
  };

  const error = addMutation.error ?? removeMutation.error;
  return (
    <aside className="panel" aria-labelledby="role-detail-title" data-testid="role-detail">
      <header className="panel-header">
        <h2 id="role-detail-title">
          {role.name} {role.is_builtin ? <Badge tone="accent">built-in</Badge> : null}
        </h2>
        {role.description ? <p className="muted">{role.description}</p> : null}
      </header>
      <h3>Permissions</h3>
      <FormError error={error} fields={['verb', 'resource_glob']} />
      <ul className="item-list" aria-label="Permissions">
        {role.permissions.length === 0 ? <li className="muted">No permissions yet.</li> : null}
        {role.permissions.map((permission) => (
          <li key={permission.id} data-testid={`role-permission-${formatGrant(permission)}`}>
            <code>{formatGrant(permission)}</code>
            {editable ? (
              <button
                type="button"
                className="button button-small button-danger-ghost"
                aria-label={`Remove ${formatGrant(permission)}`}
                disabled={removeMutation.isPending}
                onClick={() => handleRemove(permission)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {role.is_builtin ? (
        <p className="field-hint">Built-in roles are fixed by the release; create a custom role to grant something else.</p>
      ) : null}
      {editable ? (
        <form className="form add-permission-form" onSubmit={handleAdd} noValidate>
          <div className="form-row">
            <TextField label="Verb" value={verb} onChange={setVerb} placeholder="view" error={fieldError(error, 'verb')} autoComplete="off" />
            <TextField
              label="Resource glob"
              value={resourceGlob}
              onChange={setResourceGlob}
              placeholder="minion:web-*"
              error={fieldError(error, 'resource_glob')}
              autoComplete="off"
            />
          </div>
          <button type="submit" className="button button-primary" disabled={addMutation.isPending || !verb.trim() || !resourceGlob.trim()}>
            Add permission
          </button>
        </form>
      ) : null}
    </aside>
  );
}
