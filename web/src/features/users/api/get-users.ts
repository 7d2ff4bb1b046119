import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PageParams, UserList } from './types';

/** Every users query key starts here, so a mutation can refresh them all. */
export const usersKeys = {
  all: ['users'] as const,
  list: (params: PageParams) => ['users', 'list', params] as const,
  roles: (userId: string) => ['users', 'roles', userId] as const,
};

/** `GET /api/users?limit=&offset=` */
export const getUsers = (params: PageParams, signal?: AbortSignal) =>
  api.get<UserList>('/api/users', { limit: params.limit, offset: params.offset }, signal);

export const usersQueryOptions = (params: PageParams) =>
  queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: ({ signal }) => getUsers(params, signal),
    placeholderData: keepPreviousData,
  });

export const useUsers = (params: PageParams) => useQuery(usersQueryOptions(params));
