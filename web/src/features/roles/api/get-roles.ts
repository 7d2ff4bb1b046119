import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PageParams, RoleList } from './types';

/** Every roles query key starts here, so a mutation can refresh them all. */
export const rolesKeys = {
  all: ['roles'] as const,
  list: (params: PageParams) => ['roles', 'list', params] as const,
  detail: (id: string) => ['roles', 'detail', id] as const,
};

/** The window the admin screens load: every role fits one page on any real install. */
export const ALL_ROLES: PageParams = { limit: 100, offset: 0 };

/** `GET /api/roles?limit=&offset=` */
export const getRoles = (params: PageParams, signal?: AbortSignal) =>
  api.get<RoleList>('/api/roles', { limit: params.limit, offset: params.offset }, signal);

export const rolesQueryOptions = (params: PageParams = ALL_ROLES) =>
  queryOptions({
    queryKey: rolesKeys.list(params),
    queryFn: ({ signal }) => getRoles(params, signal),
    placeholderData: keepPreviousData,
  });

export const useRoles = (params: PageParams = ALL_ROLES, options: { enabled?: boolean } = {}) =>
  useQuery({ ...rolesQueryOptions(params), enabled: options.enabled ?? true });
