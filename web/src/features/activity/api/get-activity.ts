import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ActivityList, ActivityQuery, LiveActivityEvent } from './types';

/** Every activity query key starts here; the stream refreshes `lists` and writes `tail`. */
export const activityKeys = {
  all: ['activity'] as const,
  lists: ['activity', 'list'] as const,
  list: (query: ActivityQuery) => ['activity', 'list', query] as const,
  tail: ['activity', 'tail'] as const,
  streamStatus: ['activity', 'stream-status'] as const,
  widgetConfig: ['activity', 'widget-config'] as const,
};

/** `GET /api/activity?…`: stored events newest first, only the categories the user may view. */
export const getActivity = (query: ActivityQuery, signal?: AbortSignal) =>
  api.get<ActivityList>('/api/activity', { ...query }, signal);

export const activityQueryOptions = (query: ActivityQuery) =>
  queryOptions({
    queryKey: activityKeys.list(query),
    queryFn: ({ signal }) => getActivity(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

export const useActivity = (query: ActivityQuery, options: { enabled?: boolean } = {}) =>
  useQuery({ ...activityQueryOptions(query), enabled: options.enabled ?? true });

/**
 * The events the live stream delivered since the page opened, newest first. Only
 * `useActivityStream` writes it; there is nothing to fetch.
 */
export const activityTailQueryOptions = () =>
  queryOptions({
    queryKey: activityKeys.tail,
    queryFn: () => [] as LiveActivityEvent[],
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useActivityTail = () => useQuery(activityTailQueryOptions());

export type StreamStatus = 'connecting' | 'open' | 'closed';

/** Whether the live stream is connected; written by `useActivityStream`. */
export const activityStreamStatusQueryOptions = () =>
  queryOptions({
    queryKey: activityKeys.streamStatus,
    queryFn: () => 'closed' as StreamStatus,
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useActivityStreamStatus = () => useQuery(activityStreamStatusQueryOptions());
