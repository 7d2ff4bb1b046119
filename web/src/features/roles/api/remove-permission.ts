import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionKey } from '../../../lib/session';
import { rolesKeys } from './get-roles';

/** `DELETE /api/roles/{id}/permissions/{permission_id}`: 409 on a built-in role. */
export const removePermission = ({ roleId, permissionId }: { roleId: string; permissionId: string }) =>
  api.delete(`/api/roles/${encodeURIComponent(roleId)}/permissions/${encodeURIComponent(permissionId)}`);

export function useRemovePermission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removePermission,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rolesKeys.all }),
        queryClient.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });
}
