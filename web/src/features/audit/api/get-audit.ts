import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AuditList, AuditQuery } from './types';

export const auditKeys = {
  all: ['audit'] as const,
  lists: ['audit', 'list'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
  verify: ['audit', 'verify'] as const,
};

/** `GET /api/audit?…`: entries newest first. */
export const getAudit = (query: AuditQuery, signal?: AbortSignal) => api.get<AuditList>('/api/audit', { ...query }, signal);

export const auditQueryOptions = (query: AuditQuery) =>
  queryOptions({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => getAudit(query, signal),
    placeholderData: keepPreviousData,
    // Every request adds entries; a revisit should show them.
    staleTime: 0,
  });

export const useAudit = (query: AuditQuery) => useQuery(auditQueryOptions(query));
