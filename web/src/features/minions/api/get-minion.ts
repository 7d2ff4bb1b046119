import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { minionsKeys } from './get-minions';
import type { MinionDetail } from './types';

/** `GET /api/minions/{id}`: status, address and grains; 404 for an unknown minion. */
export const getMinion = (id: string, signal?: AbortSignal) =>
  api.get<MinionDetail>(`/api/minions/${encodeURIComponent(id)}`, undefined, signal);

export const minionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: minionsKeys.detail(id),
    queryFn: ({ signal }) => getMinion(id, signal),
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 30_000),
  });

export const useMinion = (id: string) => useQuery(minionQueryOptions(id));
