import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { clearServerState } from '../../../lib/query-client';
import { sessionKey, type SessionUser } from '../../../lib/session';

export interface LoginInput {
  username: string;
  password: string;
}

/** `POST /api/auth/login`: sets the session cookie and answers the user. */
export const login = (input: LoginInput) => api.post<SessionUser>('/api/auth/login', input);

/** Signs in; the answer becomes the session, and anything cached for another user is dropped. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      clearServerState();
      queryClient.setQueryData(sessionKey, user);
    },
  });
}
