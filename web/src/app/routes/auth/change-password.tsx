import type { QueryClient } from '@tanstack/react-query';
import { Link, Navigate, redirect, useNavigate } from 'react-router-dom';
import { AuthCard } from '../../../components/layout/auth-card';
import { useLogout } from '../../../features/auth/api/logout';
import { ChangePasswordForm } from '../../../features/auth/components/change-password-form';
import { sessionQueryOptions, useSession } from '../../../lib/session';

export const clientLoader = (queryClient: QueryClient) => async () => {
  const user = await queryClient.ensureQueryData(sessionQueryOptions());
  if (!user) throw redirect('/login');
  return null;
};

/** The own password; the only page reachable while `must_change_pw` is set. */
export function Component() {
  const sessionQuery = useSession();
  const navigate = useNavigate();
  const logoutMutation = useLogout();
  const user = sessionQuery.data;

  if (sessionQuery.isPending) return null;
  if (!user) return <Navigate to="/login" replace />;

  const handleChanged = () => {
    void navigate('/', { replace: true });
  };

  // Clearing the session (in useLogout) makes the guard above redirect.
  const handleSignOut = () => logoutMutation.mutate();

  const forced = user.must_change_pw;
  return (
    <AuthCard
      title="Change password"
      description={
        forced
          ? `Welcome, ${user.display_name || user.username}. Choose a new password before you continue.`
          : `Signed in as ${user.username}.`
      }
    >
      <ChangePasswordForm onChanged={handleChanged} />
      <div className="auth-footer">
        {forced ? null : <Link to="/">Back to the console</Link>}
        <button type="button" className="link-button" onClick={handleSignOut} disabled={logoutMutation.isPending}>
          Sign out
        </button>
      </div>
    </AuthCard>
  );
}
