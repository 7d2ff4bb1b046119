import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { TextField } from '../../../components/form-field';
import { useUpdateRole } from '../api/update-role';
import type { RoleSummary, RoleUpdate } from '../api/types';

/** Edits a role's description, and the name of a custom role (built-in names are fixed). */
export function EditRoleDialog({ role, onClose }: { role: RoleSummary; onClose: () => void }) {
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const updateMutation = useUpdateRole();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const changes: RoleUpdate = { description: description.trim() };
    if (!role.is_builtin && name.trim() !== role.name) changes.name = name.trim();
    updateMutation.mutate({ id: role.id, ...changes }, { onSuccess: onClose });
  };

  const error = updateMutation.error;
  return (
    <Dialog
      open
      title={`Edit ${role.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="edit-role-form" className="button button-primary" disabled={updateMutation.isPending}>
            Save
          </button>
        </>
      }
    >
      <form id="edit-role-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={['name', 'description']} />
        <TextField
          label="Name"
          value={name}
          onChange={setName}
          error={fieldError(error, 'name')}
          disabled={role.is_builtin}
          hint={role.is_builtin ? 'Built-in role names are fixed.' : undefined}
          autoComplete="off"
        />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(error, 'description')}
          autoComplete="off"
          autoFocus
        />
      </form>
    </Dialog>
  );
}
