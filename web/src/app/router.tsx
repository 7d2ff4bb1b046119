import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunction } from 'react-router-dom';
import { Loading } from '../components/query-state';
import { RouteError } from './route-error';

/** What every module in `app/routes` exports: the page and, optionally, a prefetching loader. */
interface RouteModule {
  Component: ComponentType;
  clientLoader?: (queryClient: QueryClient) => LoaderFunction;
}

// Each page is its own chunk; its loader gets the query client to prefetch through.
const lazyRoute = (queryClient: QueryClient, load: () => Promise<RouteModule>) => async () => {
  const { Component, clientLoader } = await load();
  return clientLoader ? { Component, loader: clientLoader(queryClient) } : { Component };
};

/** The route map of both consoles (see `nav.ts` for the sidebar that mirrors it). */
export function createRouter(queryClient: QueryClient) {
  const page = (load: () => Promise<RouteModule>) => ({ lazy: lazyRoute(queryClient, load) });
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      hydrateFallbackElement: <Loading label="Loading Fleetdeck…" />,
      children: [
        { path: '/login', ...page(() => import('./routes/auth/login')) },
        { path: '/change-password', ...page(() => import('./routes/auth/change-password')) },
        {
          path: '/',
          ...page(() => import('./routes/app/layout')),
          children: [
            {
              errorElement: <RouteError />,
              children: [
                {
                  // The Salt pages wait for the Salt connection (the setup guard).
                  ...page(() => import('./routes/salt/layout')),
                  children: [
                    { index: true, ...page(() => import('./routes/salt/overview')) },
                    { path: 'minions', ...page(() => import('./routes/salt/minions')) },
                    { path: 'keys', ...page(() => import('./routes/salt/keys')) },
                    { path: 'minions/:id', ...page(() => import('./routes/salt/minion-detail')) },
                    { path: 'jobs', ...page(() => import('./routes/salt/jobs')) },
                    { path: 'jobs/:jid', ...page(() => import('./routes/salt/job-detail')) },
                    { path: 'run', ...page(() => import('./routes/salt/run')) },
                    { path: 'activity', ...page(() => import('./routes/salt/activity')) },
                  ],
                },
                { path: 'setup', ...page(() => import('./routes/admin/setup')) },
                { path: 'plant', ...page(() => import('./routes/plant/overview')) },
                { path: 'plant/machines', ...page(() => import('./routes/plant/machines')) },
                { path: 'plant/alerts', ...page(() => import('./routes/plant/alerts')) },
                { path: 'users', ...page(() => import('./routes/admin/users')) },
                { path: 'roles', ...page(() => import('./routes/admin/roles')) },
                { path: 'audit', ...page(() => import('./routes/admin/audit')) },
                { path: 'settings/api-keys', ...page(() => import('./routes/admin/api-keys')) },
                { path: 'admin/settings', ...page(() => import('./routes/admin/settings')) },
                { path: '*', ...page(() => import('./routes/app/not-found')) },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
