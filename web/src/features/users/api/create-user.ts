import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersKeys } from './get-users';
import type { UserCreate, UserSummary } from './types';

/** `POST /api/users`: 201 with the user, 409 when the username is taken. */
export const createUser = (input: UserCreate) => api.post<UserSummary>('/api/users', input);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
