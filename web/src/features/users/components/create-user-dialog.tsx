import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { CheckboxField, TextField } from '../../../components/form-field';
import { useCreateUser } from '../api/create-user';
import type { RoleOption } from '../api/types';
import { RoleChecklist } from './role-checklist';

const FIELDS = ['username', 'display_name', 'email', 'password', 'role_ids'];

/** Creates a user with an initial password and roles. */
export function CreateUserDialog({ roles, onClose }: { roles: RoleOption[]; onClose: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const createMutation = useCreateUser();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    createMutation.mutate(
      {
        username: username.trim(),
        display_name: displayName.trim(),
        email: email.trim() || null,
        password,
        must_change_pw: mustChange,
        role_ids: roleIds,
      },
      { onSuccess: onClose },
    );
  };

  const error = createMutation.error;
  return (
    <Dialog
      open
      title="Create user"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-user-form" className="button button-primary" disabled={createMutation.isPending}>
            Create user
          </button>
        </>
      }
    >
      <form id="create-user-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={FIELDS} />
        <TextField label="Username" value={username} onChange={setUsername} autoComplete="off" error={fieldError(error, 'username')} required autoFocus />
        <TextField label="Display name" value={displayName} onChange={setDisplayName} autoComplete="off" error={fieldError(error, 'display_name')} />
        <TextField label="Email" type="email" value={email} onChange={setEmail} autoComplete="off" error={fieldError(error, 'email')} />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 8 characters."
          error={fieldError(error, 'password')}
          required
        />
        <CheckboxField label="Require change at next sign-in" checked={mustChange} onChange={setMustChange} />
        <RoleChecklist roles={roles} selected={roleIds} onChange={setRoleIds} />
      </form>
    </Dialog>
  );
}
