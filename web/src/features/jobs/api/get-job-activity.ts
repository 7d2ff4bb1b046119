import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { jobsKeys } from './get-jobs';
import type { JobActivity } from './types';

/** `GET /api/jobs/activity?hours=`: jobs per hour, oldest first, the last bucket the current hour. */
export const getJobActivity = (hours: number, signal?: AbortSignal) =>
  api.get<JobActivity>('/api/jobs/activity', { hours }, signal);

export const jobActivityQueryOptions = (hours = 24) =>
  queryOptions({
    queryKey: jobsKeys.activity(hours),
    queryFn: ({ signal }) => getJobActivity(hours, signal),
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 30_000),
  });

export const useJobActivity = (hours = 24, options: { enabled?: boolean } = {}) =>
  useQuery({ ...jobActivityQueryOptions(hours), enabled: options.enabled ?? true });
