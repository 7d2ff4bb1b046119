import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { FunctionCatalog } from './types';

export const functionsKeys = {
  catalog: ['salt', 'functions'] as const,
};

/**
 * `GET /api/salt/functions`: every `module.function` the minions know, for autocomplete. Null
 * when the server has no such endpoint (404) or cannot ask Salt: the field is then free text.
 */
export async function getFunctions(signal?: AbortSignal): Promise<FunctionCatalog | null> {
  try {
    return await api.get<FunctionCatalog>('/api/salt/functions', undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && [404, 501, 502, 503].includes(error.status)) return null;
    throw error;
  }
}

export const functionsQueryOptions = () =>
  queryOptions({
    queryKey: functionsKeys.catalog,
    queryFn: ({ signal }) => getFunctions(signal),
    // The server caches the catalog for an hour.
    staleTime: 60 * 60_000,
    retry: false,
  });

export const useFunctions = () => useQuery(functionsQueryOptions());
