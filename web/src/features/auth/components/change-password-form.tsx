import { useState, type FormEvent } from 'react';
import { FormError, fieldError } from '../../../components/form-error';
import { TextField } from '../../../components/form-field';
import { useChangePassword } from '../api/change-password';

const MIN_LENGTH = 8;

/** Current password, new password twice; calls `onChanged` after the server accepts it. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const changeMutation = useChangePassword();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!current) {
      setLocalError('Enter your current password.');
      return;
    }
    if (next.length < MIN_LENGTH) {
      setLocalError(`The new password needs at least ${MIN_LENGTH} characters.`);
      return;
    }
    if (next !== confirm) {
      setLocalError('The new passwords do not match.');
      return;
    }
    setLocalError(null);
    changeMutation.mutate({ current_password: current, new_password: next }, { onSuccess: onChanged });
  };

  const error = changeMutation.error;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormError
        error={localError ? new Error(localError) : error}
        fields={['current_password', 'new_password']}
      />
      <TextField
        label="Current password"
        type="password"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        error={fieldError(error, 'current_password')}
        required
      />
      <TextField
        label="New password"
        type="password"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        hint={`At least ${MIN_LENGTH} characters.`}
        error={fieldError(error, 'new_password')}
        required
      />
      <TextField
        label="Confirm password"
        type="password"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        required
      />
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={changeMutation.isPending}
      >
        {changeMutation.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
