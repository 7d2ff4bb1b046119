import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiKeysKeys } from './get-api-keys';

/** `DELETE /api/v1/settings/api-keys/{id}`: revokes the key (204). */
export const revokeApiKey = (id: string) => api.delete(`/api/v1/settings/api-keys/${encodeURIComponent(id)}`);

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.all }),
  });
}
