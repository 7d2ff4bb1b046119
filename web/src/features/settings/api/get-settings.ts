import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { SettingsOut } from './types';

/** Every settings query key starts here, so a save can refresh them all. */
export const settingsKeys = {
  all: ['settings'] as const,
  view: ['settings', 'view'] as const,
  status: ['settings', 'status'] as const,
};

/** `GET /api/admin/settings` (edit:settings:*) */
export const getSettings = (signal?: AbortSignal) => api.get<SettingsOut>('/api/admin/settings', undefined, signal);

export const settingsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.view,
    queryFn: ({ signal }) => getSettings(signal),
  });

export const useSettings = () => useQuery(settingsQueryOptions());
