import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { jobsKeys } from './get-jobs';
import type { JobDetail } from './types';

/** `GET /api/jobs/{jid}`: the job and its per-minion returns, live from the master; 404 unknown. */
export const getJob = (jid: string, signal?: AbortSignal) =>
  api.get<JobDetail>(`/api/jobs/${encodeURIComponent(jid)}`, undefined, signal);

export const jobQueryOptions = (jid: string) =>
  queryOptions({
    queryKey: jobsKeys.detail(jid),
    queryFn: ({ signal }) => getJob(jid, signal),
    // Returns keep arriving while minions run; the activity stream also refreshes it.
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 15_000),
  });

export const useJob = (jid: string) => useQuery(jobQueryOptions(jid));
