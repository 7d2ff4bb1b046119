import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { settingsKeys } from './get-settings';
import type { PollerSettings, SettingsOut } from './types';

/** `PUT /api/admin/settings/pollers`: the changed intervals; the pollers restart with them. */
export const updatePollerSettings = (input: Partial<PollerSettings>) =>
  api.put<SettingsOut>('/api/admin/settings/pollers', input);

export function useUpdatePollerSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePollerSettings,
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.view, settings),
  });
}
