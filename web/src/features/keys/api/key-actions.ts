import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { keysKeys } from './get-keys';
import type { KeyAction } from './types';

const keyPath = (id: string) => `/api/keys/${encodeURIComponent(id)}`;

/** `POST /api/keys/{id}/accept`: 204. */
export const acceptKey = (id: string) => api.post<void>(`${keyPath(id)}/accept`);

/** `POST /api/keys/{id}/reject`: 204. */
export const rejectKey = (id: string) => api.post<void>(`${keyPath(id)}/reject`);

/** `DELETE /api/keys/{id}`: 204, idempotent. */
export const deleteKey = (id: string) => api.delete(keyPath(id));

const ACTIONS: Record<KeyAction, (id: string) => Promise<void>> = { accept: acceptKey, reject: rejectKey, delete: deleteKey };

/** Accept, reject or delete a key; the keys list (and the minions, whose status follows) refresh. */
export function useKeyAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id }: { action: KeyAction; id: string }) => ACTIONS[action](id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKeys.all }),
  });
}
