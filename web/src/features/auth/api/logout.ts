import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { clearServerState } from '../../../lib/query-client';
import { sessionKey } from '../../../lib/session';

/** `POST /api/auth/logout`: ends the session. */
export const logout = () => api.post<void>('/api/auth/logout');

/** Signs out; the local session is cleared even when the server call fails. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      clearServerState();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
