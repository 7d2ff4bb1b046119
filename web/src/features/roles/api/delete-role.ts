import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { rolesKeys } from './get-roles';

/** `DELETE /api/roles/{id}`: 409 for a built-in role. */
export const deleteRole = (id: string) => api.delete(`/api/roles/${encodeURIComponent(id)}`);

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRole,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: rolesKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: rolesKeys.all });
    },
  });
}
