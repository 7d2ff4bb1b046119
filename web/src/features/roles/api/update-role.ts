import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { rolesKeys } from './get-roles';
import type { RoleSummary, RoleUpdate } from './types';

/** `PATCH /api/roles/{id}` */
export const updateRole = ({ id, ...changes }: RoleUpdate & { id: string }) =>
  api.patch<RoleSummary>(`/api/roles/${encodeURIComponent(id)}`, changes);

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRole,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKeys.all }),
  });
}
