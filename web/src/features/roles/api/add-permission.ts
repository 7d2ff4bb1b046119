import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionKey } from '../../../lib/session';
import { rolesKeys } from './get-roles';
import type { PermissionCreate, PermissionView } from './types';

/** `POST /api/roles/{id}/permissions`: 201, or 409 on a built-in role. */
export const addPermission = ({ roleId, ...input }: PermissionCreate & { roleId: string }) =>
  api.post<PermissionView>(`/api/roles/${encodeURIComponent(roleId)}/permissions`, input);

export function useAddPermission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addPermission,
    // The list shows permission counts; the signed-in user may hold this role.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rolesKeys.all }),
        queryClient.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });
}
