import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersKeys } from './get-users';
import type { PasswordReset } from './types';

/** `POST /api/users/{id}/password`: sets another user's password (204). */
export const resetPassword = ({ id, ...input }: PasswordReset & { id: string }) =>
  api.post<void>(`/api/users/${encodeURIComponent(id)}/password`, input);

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    // `must_change_pw` is part of the listed user.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
