import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { rolesKeys } from './get-roles';
import type { RoleCreate, RoleSummary } from './types';

/** `POST /api/roles`: 201 with the role, 409 when the name is taken. */
export const createRole = (input: RoleCreate) => api.post<RoleSummary>('/api/roles', input);

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRole,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKeys.all }),
  });
}
