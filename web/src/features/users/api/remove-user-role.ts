import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionKey } from '../../../lib/session';
import { usersKeys } from './get-users';

/** `DELETE /api/users/{id}/roles/{role_id}` */
export const removeUserRole = ({ userId, roleId }: { userId: string; roleId: string }) =>
  api.delete(`/api/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(roleId)}`);

export function useRemoveUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeUserRole,
    // The signed-in user may have changed their own grants.
    onSuccess: (_data, { userId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.roles(userId) }),
        queryClient.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });
}
