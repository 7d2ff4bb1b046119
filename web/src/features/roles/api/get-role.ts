import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { rolesKeys } from './get-roles';
import type { RoleDetail } from './types';

/** `GET /api/roles/{id}`: the role with its permissions. */
export const getRole = (id: string, signal?: AbortSignal) =>
  api.get<RoleDetail>(`/api/roles/${encodeURIComponent(id)}`, undefined, signal);

export const roleQueryOptions = (id: string) =>
  queryOptions({
    queryKey: rolesKeys.detail(id),
    queryFn: ({ signal }) => getRole(id, signal),
  });

export const useRole = (id: string) => useQuery(roleQueryOptions(id));
