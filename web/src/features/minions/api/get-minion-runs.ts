import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { minionsKeys } from './get-minions';
import type { MinionRuns } from './types';

/** `GET /api/minions/{id}/runs?limit=`: the minion's state runs, newest first. */
export const getMinionRuns = (id: string, limit: number, signal?: AbortSignal) =>
  api.get<MinionRuns>(`/api/minions/${encodeURIComponent(id)}/runs`, { limit }, signal);

export const minionRunsQueryOptions = (id: string, limit = 20) =>
  queryOptions({
    queryKey: minionsKeys.runs(id, limit),
    queryFn: ({ signal }) => getMinionRuns(id, limit, signal),
  });

export const useMinionRuns = (id: string, limit = 20) => useQuery(minionRunsQueryOptions(id, limit));
