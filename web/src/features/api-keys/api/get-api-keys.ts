import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ApiKeyView, PageOf, PageQuery } from './types';

export const apiKeysKeys = {
  all: ['api-keys'] as const,
  list: (query: PageQuery) => ['api-keys', 'list', query] as const,
};

/** `GET /api/v1/settings/api-keys?page=&page_size=` */
export const getApiKeys = (query: PageQuery, signal?: AbortSignal) =>
  api.get<PageOf<ApiKeyView>>('/api/v1/settings/api-keys', { page: query.page, page_size: query.page_size }, signal);

export const apiKeysQueryOptions = (query: PageQuery) =>
  queryOptions({
    queryKey: apiKeysKeys.list(query),
    queryFn: ({ signal }) => getApiKeys(query, signal),
    placeholderData: keepPreviousData,
  });

export const useApiKeys = (query: PageQuery) => useQuery(apiKeysQueryOptions(query));
