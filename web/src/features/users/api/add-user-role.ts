import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionKey } from '../../../lib/session';
import { usersKeys } from './get-users';

/** `POST /api/users/{id}/roles`: 201 when linked, 200 when it already was. */
export const addUserRole = ({ userId, roleId }: { userId: string; roleId: string }) =>
  api.post<unknown>(`/api/users/${encodeURIComponent(userId)}/roles`, { role_id: roleId });

export function useAddUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addUserRole,
    // The signed-in user may have changed their own grants.
    onSuccess: (_data, { userId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.roles(userId) }),
        queryClient.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });
}
