import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiKeysKeys } from './get-api-keys';
import type { ApiKeyCreate, ApiKeyCreated } from './types';

/** `POST /api/v1/settings/api-keys`: 201 with the secret `key`, shown once. */
export const createApiKey = (input: ApiKeyCreate) => api.post<ApiKeyCreated>('/api/v1/settings/api-keys', input);

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.all }),
  });
}
