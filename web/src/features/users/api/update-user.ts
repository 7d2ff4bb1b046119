import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersKeys } from './get-users';
import type { UserSummary, UserUpdate } from './types';

/** `PATCH /api/users/{id}` */
export const updateUser = ({ id, ...changes }: UserUpdate & { id: string }) =>
  api.patch<UserSummary>(`/api/users/${encodeURIComponent(id)}`, changes);

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
