import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { TextField } from '../../../components/form-field';
import { useCreateRole } from '../api/create-role';
import type { RoleSummary } from '../api/types';

/** Creates an empty custom role; permissions are added in the detail panel. */
export function CreateRoleDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (role: RoleSummary) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const createMutation = useCreateRole();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    createMutation.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: onCreated });
  };

  const error = createMutation.error;
  return (
    <Dialog
      open
      title="Create role"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-role-form" className="button button-primary" disabled={createMutation.isPending}>
            Create role
          </button>
        </>
      }
    >
      <form id="create-role-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={['name', 'description']} />
        <TextField label="Name" value={name} onChange={setName} error={fieldError(error, 'name')} required autoFocus autoComplete="off" />
        <TextField label="Description" value={description} onChange={setDescription} error={fieldError(error, 'description')} autoComplete="off" />
      </form>
    </Dialog>
  );
}
