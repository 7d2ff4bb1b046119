import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { settingsKeys } from './get-settings';
import type { SaltSettingsIn, SettingsOut } from './types';

/** `PUT /api/admin/settings/salt`: saves the changed fields and reconnects; 422 names the field. */
export const updateSaltSettings = (input: SaltSettingsIn) => api.put<SettingsOut>('/api/admin/settings/salt', input);

export function useUpdateSaltSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSaltSettings,
    // The setup status decides redirects from pages not mounted now: refetch it too, and wait,
    // so whoever navigates on success sees the connection as set up.
    onSuccess: async (settings) => {
      queryClient.setQueryData(settingsKeys.view, settings);
      await queryClient.invalidateQueries({ queryKey: settingsKeys.status, refetchType: 'all' });
    },
  });
}
