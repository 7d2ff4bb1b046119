import type { QueryClient } from '@tanstack/react-query';
import { redirect } from 'react-router-dom';
import { canDo } from '../lib/can';
import type { Permission } from '../lib/permissions';
import { sessionQueryOptions, type SessionUser } from '../lib/session';

/** A safe in-app path from `?next=`, so sign-in cannot be turned into an open redirect. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  return next;
}

export const loginPath = (next: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login');

/**
 * The signed-in user for a loader, or a redirect: to /login without a session, to
 * /change-password while the password must change.
 */
export async function requireUser(queryClient: QueryClient, request: Request): Promise<SessionUser> {
  const user = await queryClient.ensureQueryData(sessionQueryOptions());
  const url = new URL(request.url);
  if (!user) throw redirect(loginPath(url.pathname + url.search));
  if (user.must_change_pw) throw redirect('/change-password');
  return user;
}

/**
 * A loader that prefetches a page's data once the user is known to hold `permission`; without it
 * the page shows "Not allowed" and nothing is requested. Prefetch failures surface in the page.
 */
export function prefetchLoader(
  queryClient: QueryClient,
  permission: Permission,
  prefetch: (user: SessionUser) => Promise<unknown>,
) {
  return async ({ request }: { request: Request }) => {
    const user = await requireUser(queryClient, request);
    if (canDo(user, permission)) await prefetch(user);
    return null;
  };
}
