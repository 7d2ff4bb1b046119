import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Forbidden } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { activityQueryOptions, useActivity, useActivityStreamStatus, useActivityTail } from '../../../features/activity/api/get-activity';
import type { ActivityQuery } from '../../../features/activity/api/types';
import { ActivityFilters, type ActivityFilterValues } from '../../../features/activity/components/activity-filters';
import { ActivityList, LiveActivityList } from '../../../features/activity/components/activity-list';
import { StreamIndicator } from '../../../features/activity/components/stream-indicator';
import { canDo } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { useUser, type SessionUser } from '../../../lib/session';
import { requireUser } from '../../guards';

const PAGE_SIZE = 50;
const LIVE_SHOWN = 5;

/** Activity is for anyone who may view jobs, keys or minions; the server filters the categories. */
const mayView = (user: SessionUser | null) => [P.jobsView, P.keysView, P.minionsView].some((permission) => canDo(user, permission));

function filtersFromParams(params: URLSearchParams): ActivityFilterValues {
  return {
    category: params.get('category') ?? '',
    search: params.get('search') ?? '',
    hideRoutine: params.get('hide_routine') === 'true',
    hideDispatch: params.get('hide_dispatch') === 'true',
  };
}

const toQuery = (filters: ActivityFilterValues, offset: number): ActivityQuery => ({
  category: filters.category || undefined,
  search: filters.search || undefined,
  hide_routine: filters.hideRoutine || undefined,
  hide_dispatch: filters.hideDispatch || undefined,
  limit: PAGE_SIZE,
  offset,
});

const PARAM_NAMES: Record<keyof ActivityFilterValues, string> = {
  category: 'category',
  search: 'search',
  hideRoutine: 'hide_routine',
  hideDispatch: 'hide_dispatch',
};

export const clientLoader = (queryClient: QueryClient) => async ({ request }: { request: Request }) => {
  const user = await requireUser(queryClient, request);
  // Not awaited: filters re-run this loader, and should apply at once.
  if (mayView(user)) void queryClient.prefetchQuery(activityQueryOptions(toQuery(filtersFromParams(new URL(request.url).searchParams), 0)));
  return null;
};

function ActivityPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [offset, setOffset] = useState(0);
  const activityQuery = useActivity(toQuery(filters, offset));
  const tail = useActivityTail().data ?? [];
  const streamStatus = useActivityStreamStatus().data ?? 'closed';
  const liveShown = tail.filter((event) => !filters.category || event.category === filters.category).slice(0, LIVE_SHOWN);

  const handleChange = useCallback(
    (changes: Partial<ActivityFilterValues>) => {
      setOffset(0);
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes) as [keyof ActivityFilterValues, string | boolean][]) {
            if (value === '' || value === false) next.delete(PARAM_NAMES[key]);
            else next.set(PARAM_NAMES[key], String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return (
    <section>
      <PageHeader
        title="Activity"
        description="What happened on the Salt master: jobs dispatched and returned, keys, minions coming online."
        actions={<StreamIndicator status={streamStatus} />}
      />
      <ActivityFilters value={filters} onChange={handleChange} />
      {liveShown.length > 0 ? (
        <section className="panel live-tail" aria-label="Live tail">
          <h2 className="panel-title">Live tail</h2>
          <LiveActivityList events={liveShown} />
        </section>
      ) : null}
      {activityQuery.isPending ? <Loading /> : null}
      {activityQuery.isError ? <LoadError error={activityQuery.error} onRetry={() => void activityQuery.refetch()} /> : null}
      {activityQuery.data && activityQuery.data.events.length === 0 ? <Empty>No activity matches.</Empty> : null}
      {activityQuery.data && activityQuery.data.events.length > 0 ? (
        <>
          <div className="panel panel-flush">
            <ActivityList events={activityQuery.data.events} />
          </div>
          <Pagination total={activityQuery.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={setOffset} />
        </>
      ) : null}
    </section>
  );
}

export function Component() {
  const user = useUser();
  if (!mayView(user)) return <Forbidden permission={P.jobsView} />;
  return <ActivityPage />;
}
