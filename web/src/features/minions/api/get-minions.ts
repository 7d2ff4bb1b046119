import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MinionList } from './types';

/** Every minions query key starts here, so the activity stream can refresh them all. */
export const minionsKeys = {
  all: ['minions'] as const,
  list: ['minions', 'list'] as const,
  detail: (id: string) => ['minions', 'detail', id] as const,
  runs: (id: string, limit: number) => ['minions', 'runs', id, limit] as const,
  compliance: (id: string, limit: number) => ['minions', 'compliance', id, limit] as const,
};

/** `GET /api/minions`: every minion from Fleetdeck's snapshot, ordered by id. */
export const getMinions = (signal?: AbortSignal) => api.get<MinionList>('/api/minions', undefined, signal);

export const minionsQueryOptions = () =>
  queryOptions({
    queryKey: minionsKeys.list,
    queryFn: ({ signal }) => getMinions(signal),
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 30_000),
  });

export const useMinions = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...minionsQueryOptions(), enabled: options.enabled ?? true });
