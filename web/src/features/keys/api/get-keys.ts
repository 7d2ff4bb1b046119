import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { KeyList } from './types';

/** Every Salt keys query key starts here, so key actions and the activity stream refresh them. */
export const keysKeys = {
  all: ['keys'] as const,
  list: ['keys', 'list'] as const,
};

/** `GET /api/keys`: live from the master (503 while Salt-API is unreachable). */
export const getKeys = (signal?: AbortSignal) => api.get<KeyList>('/api/keys', undefined, signal);

export const keysQueryOptions = () =>
  queryOptions({
    queryKey: keysKeys.list,
    queryFn: ({ signal }) => getKeys(signal),
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 30_000),
  });

export const useKeys = (options: { enabled?: boolean } = {}) => useQuery({ ...keysQueryOptions(), enabled: options.enabled ?? true });
