import type { QueryClient } from '@tanstack/react-query';
import { Navigate, redirect, useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { AuthCard } from '../../../components/layout/auth-card';
import { LoginForm } from '../../../features/auth/components/login-form';
import { sessionQueryOptions, useSession } from '../../../lib/session';
import { safeNext } from '../../guards';

// Already signed in: go where the user was headed.
export const clientLoader = (queryClient: QueryClient) => async ({ request }: LoaderFunctionArgs) => {
  const user = await queryClient.ensureQueryData(sessionQueryOptions()).catch(() => null);
  if (user) throw redirect(safeNext(new URL(request.url).searchParams.get('next')));
  return null;
};

export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const sessionQuery = useSession();
  const next = safeNext(params.get('next'));

  const handleSignedIn = () => {
    void navigate(next, { replace: true });
  };

  if (sessionQuery.data) return <Navigate to={next} replace />;

  return (
    <AuthCard title="Sign in" description="Operations console for servers and machines.">
      <LoginForm onSignedIn={handleSignedIn} />
    </AuthCard>
  );
}
