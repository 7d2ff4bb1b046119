import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersKeys } from './get-users';

/** `GET /api/users/{id}/roles`: the ids of the user's roles. */
export const getUserRoles = (userId: string, signal?: AbortSignal) =>
  api.get<string[]>(`/api/users/${encodeURIComponent(userId)}/roles`, undefined, signal);

export const userRolesQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: usersKeys.roles(userId),
    queryFn: ({ signal }) => getUserRoles(userId, signal),
  });

export const useUserRoles = (userId: string) => useQuery(userRolesQueryOptions(userId));
