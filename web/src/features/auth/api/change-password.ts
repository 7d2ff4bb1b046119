import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionKey } from '../../../lib/session';

export interface ChangePasswordInput {
  current_password: string;
  new_password: string;
}

/** `POST /api/auth/change-password`: 204, or 403 when the current password is wrong. */
export const changePassword = (input: ChangePasswordInput) => api.post<void>('/api/auth/change-password', input);

/** Changes the own password, then reloads the session so `must_change_pw` clears before navigating on. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}
