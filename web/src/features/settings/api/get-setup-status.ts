import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { settingsKeys } from './get-settings';
import type { SettingsStatus } from './types';

/** `GET /api/admin/settings/status` (any signed-in user): is the Salt connection set up? */
export const getSetupStatus = (signal?: AbortSignal) =>
  api.get<SettingsStatus>('/api/admin/settings/status', undefined, signal);

export const setupStatusQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.status,
    queryFn: ({ signal }) => getSetupStatus(signal),
    // Changes only when someone saves the connection, which refreshes it.
    staleTime: 5 * 60_000,
  });

export const useSetupStatus = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...setupStatusQueryOptions(), enabled: options.enabled ?? true });
