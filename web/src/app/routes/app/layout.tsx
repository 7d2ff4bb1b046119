import type { QueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, type LoaderFunctionArgs } from 'react-router-dom';
import { Header } from '../../../components/layout/header';
import { Sidebar } from '../../../components/layout/sidebar';
import { Loading, LoadError } from '../../../components/query-state';
import { useLogout } from '../../../features/auth/api/logout';
import { useSession } from '../../../lib/session';
import { loginPath, requireUser } from '../../guards';
import { visibleNav } from '../../nav';

export const clientLoader = (queryClient: QueryClient) => async ({ request }: LoaderFunctionArgs) => {
  await requireUser(queryClient, request);
  return null;
};

/**
 * The signed-in shell: header, permission-aware sidebar, page. Also the live guard: when the
 * session ends (sign-out, a 401 anywhere) or the password must change, it redirects.
 */
export function Component() {
  const sessionQuery = useSession();
  const location = useLocation();
  const logoutMutation = useLogout();

  if (sessionQuery.isPending) return <Loading />;
  if (sessionQuery.isError) {
    return (
      <main className="auth-page">
        <LoadError error={sessionQuery.error} onRetry={() => void sessionQuery.refetch()} />
      </main>
    );
  }
  const user = sessionQuery.data;
  // After Sign out, a plain /login; after an expired session, come back here once signed in.
  if (!user) {
    const target = logoutMutation.isIdle ? loginPath(location.pathname + location.search) : '/login';
    return <Navigate to={target} replace />;
  }
  if (user.must_change_pw) return <Navigate to="/change-password" replace />;

  // Clearing the session (in useLogout) makes the guard above redirect.
  const handleSignOut = () => logoutMutation.mutate();

  return (
    <div className="app-shell">
      <Header userName={user.display_name || user.username} signingOut={logoutMutation.isPending} onSignOut={handleSignOut} />
      <Sidebar sections={visibleNav(user)} />
      <main className="app-main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
