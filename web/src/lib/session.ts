import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api } from './api-client';

/** A grant held by the signed-in user: a verb glob on a resource glob. */
export interface Grant {
  verb: string;
  resource_glob: string;
}

/** `GET /api/auth/me`: who is signed in and what they may do. */
export interface SessionUser {
  username: string;
  display_name: string;
  must_change_pw: boolean;
  permissions: Grant[];
}

export const sessionKey = ['session'] as const;

/** The signed-in user, or `null` when there is no session (401). */
export async function getSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return await api.get<SessionUser>('/api/auth/me', undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });

/** The session query; `data` is the user, `null` when signed out, `undefined` while loading. */
export const useSession = () => useQuery(sessionQueryOptions());

/** The signed-in user; only for components rendered behind the auth guard. */
export function useUser(): SessionUser | null {
  return useSession().data ?? null;
}
