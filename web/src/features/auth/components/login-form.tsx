import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { FormError } from '../../../components/form-error';
import { TextField } from '../../../components/form-field';
import { useLogin } from '../api/login';

function loginErrorText(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 429) {
    return new Error('Too many sign-in attempts. Wait a minute and try again.');
  }
  return error;
}

/** Username and password; calls `onSignedIn` once the session exists. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const loginMutation = useLogin();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!username || !password);
    if (!username || !password) return;
    loginMutation.mutate({ username, password }, { onSuccess: onSignedIn });
  };

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormError error={missing ? new Error('Enter your username and password.') : loginErrorText(loginMutation.error)} />
      <TextField
        label="Username"
        value={username}
        onChange={setUsername}
        autoComplete="username"
        autoFocus
        required
      />
      <TextField
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
      />
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={loginMutation.isPending}
      >
        {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
