import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { activityKeys } from './get-activity';
import type { WidgetConfig } from './types';

/** `GET /api/activity/widget-config`: how the Overview's Recent-activity card filters, for everyone. */
export const getWidgetConfig = (signal?: AbortSignal) =>
  api.get<WidgetConfig>('/api/activity/widget-config', undefined, signal);

export const widgetConfigQueryOptions = () =>
  queryOptions({
    queryKey: activityKeys.widgetConfig,
    queryFn: ({ signal }) => getWidgetConfig(signal),
    staleTime: 5 * 60_000,
  });

export const useWidgetConfig = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...widgetConfigQueryOptions(), enabled: options.enabled ?? true });
