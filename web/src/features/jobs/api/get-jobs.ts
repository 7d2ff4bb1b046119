import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { JobList, JobQuery } from './types';

/** Every jobs query key starts here, so the live stream and kills can refresh them all. */
export const jobsKeys = {
  all: ['jobs'] as const,
  lists: ['jobs', 'list'] as const,
  list: (query: JobQuery) => ['jobs', 'list', query] as const,
  detail: (jid: string) => ['jobs', 'detail', jid] as const,
  activity: (hours: number) => ['jobs', 'activity', hours] as const,
};

/** `GET /api/jobs?…`: newest first; `cursor` asks for the page after a previous `next_cursor`. */
export const getJobs = (query: JobQuery, cursor: string | null, signal?: AbortSignal) =>
  api.get<JobList>(
    '/api/jobs',
    {
      q: query.q,
      status: query.status,
      user: query.user,
      hours: query.hours || undefined,
      live: query.live ? true : undefined,
      limit: query.limit,
      cursor,
    },
    signal,
  );

/** The jobs list with keyset paging ("Load more"); live mode has one page only. */
export const jobsQueryOptions = (query: JobQuery) =>
  infiniteQueryOptions({
    queryKey: jobsKeys.list(query),
    queryFn: ({ pageParam, signal }) => getJobs(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
    // Statuses change as jobs finish; faster while Salt is unreachable, so the page recovers.
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : 30_000),
  });

export const useJobs = (query: JobQuery) => useInfiniteQuery(jobsQueryOptions(query));
