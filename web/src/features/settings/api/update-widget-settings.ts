import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { settingsKeys } from './get-settings';
import type { SettingsOut, WidgetSettings } from './types';

/** `PUT /api/admin/settings/widget`: the Overview activity widget, the same for everyone. */
export const updateWidgetSettings = (input: Partial<WidgetSettings>) =>
  api.put<SettingsOut>('/api/admin/settings/widget', input);

export function useUpdateWidgetSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWidgetSettings,
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.view, settings),
  });
}
