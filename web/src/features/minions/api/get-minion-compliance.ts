import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { minionsKeys } from './get-minions';
import type { MinionCompliance } from './types';

/** `GET /api/minions/{id}/compliance?limit=`: the last state runs' counts, oldest first. */
export const getMinionCompliance = (id: string, limit: number, signal?: AbortSignal) =>
  api.get<MinionCompliance>(`/api/minions/${encodeURIComponent(id)}/compliance`, { limit }, signal);

export const minionComplianceQueryOptions = (id: string, limit = 30) =>
  queryOptions({
    queryKey: minionsKeys.compliance(id, limit),
    queryFn: ({ signal }) => getMinionCompliance(id, limit, signal),
  });

export const useMinionCompliance = (id: string, limit = 30) => useQuery(minionComplianceQueryOptions(id, limit));
