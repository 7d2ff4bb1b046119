import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import { sessionKey } from './session';

// A 401 from any call means the session is gone: clearing it makes the auth guard send the
// user to /login, wherever they are. A 403 for a pending password change (an administrator
// reset it meanwhile) reloads the session, so the guard sends the user to /change-password.
function handleError(error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.status === 403 && error.message === 'Password change required') {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
    return;
  }
  if (error.status !== 401 || queryClient.getQueryData(sessionKey) === null) return;
  queryClient.setQueryData(sessionKey, null);
}

// Client errors will not change on a retry; network failures and 5xx may.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** Drops every cached server answer except the session (sign-in, sign-out). */
export function clearServerState(): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
