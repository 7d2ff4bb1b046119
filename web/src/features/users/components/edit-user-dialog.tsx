import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { CheckboxField, TextField } from '../../../components/form-field';
import { useUpdateUser } from '../api/update-user';
import type { UserSummary } from '../api/types';

const FIELDS = ['display_name', 'email', 'is_active'];

/** Edits a user's display name, email and active flag. */
export function EditUserDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [displayName, setDisplayName] = useState(user.display_name);
  const [email, setEmail] = useState(user.email ?? '');
  const [isActive, setIsActive] = useState(user.is_active);
  const updateMutation = useUpdateUser();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An empty email clears it on the server.
    updateMutation.mutate(
      { id: user.id, display_name: displayName.trim(), email: email.trim(), is_active: isActive },
      { onSuccess: onClose },
    );
  };

  const error = updateMutation.error;
  return (
    <Dialog
      open
      title={`Edit ${user.username}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="edit-user-form" className="button button-primary" disabled={updateMutation.isPending}>
            Save
          </button>
        </>
      }
    >
      <form id="edit-user-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={FIELDS} />
        <TextField label="Display name" value={displayName} onChange={setDisplayName} error={fieldError(error, 'display_name')} autoFocus />
        <TextField label="Email" type="email" value={email} onChange={setEmail} error={fieldError(error, 'email')} />
        <CheckboxField label="Active" checked={isActive} onChange={setIsActive} />
      </form>
    </Dialog>
  );
}
