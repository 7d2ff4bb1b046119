import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { CheckboxField, TextField } from '../../../components/form-field';
import { useResetPassword } from '../api/reset-password';
import type { UserSummary } from '../api/types';

/** Sets a new password for another user. */
export function ResetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const resetMutation = useResetPassword();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    resetMutation.mutate({ id: user.id, new_password: password, must_change_pw: mustChange }, { onSuccess: onClose });
  };

  const error = resetMutation.error;
  return (
    <Dialog
      open
      title={`Reset password for ${user.username}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="reset-password-form" className="button button-primary" disabled={resetMutation.isPending}>
            Reset password
          </button>
        </>
      }
    >
      <form id="reset-password-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={['new_password']} />
        <TextField
          label="New password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 8 characters."
          error={fieldError(error, 'new_password')}
          required
          autoFocus
        />
        <CheckboxField label="Require change at next sign-in" checked={mustChange} onChange={setMustChange} />
      </form>
    </Dialog>
  );
}
