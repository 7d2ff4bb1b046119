import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { minionsQueryOptions, useMinions } from '../../../features/minions/api/get-minions';
import type { MinionStatus, MinionSummary } from '../../../features/minions/api/types';
import { StaleBadge } from '../../../features/minions/components/minion-status-badge';
import { MinionsTable } from '../../../features/minions/components/minions-table';
import { formatDateTime } from '../../../lib/format';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

const STATUSES: MinionStatus[] = ['online', 'offline', 'pending', 'rejected', 'denied'];

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.minionsView, () => queryClient.prefetchQuery(minionsQueryOptions()));

/** Matches the id, OS (name, family, release) or IP, case-insensitively. */
function matches(minion: MinionSummary, term: string): boolean {
  if (!term) return true;
  return [minion.id, minion.os, minion.os_family, minion.osrelease, minion.ip].some((value) =>
    (value ?? '').toLowerCase().includes(term),
  );
}

function MinionsPage() {
  const navigate = useNavigate();
  const searchId = useId();
  const statusId = useId();
  const [params, setParams] = useSearchParams();
  // The search filters at once; the URL follows when typing pauses (each URL change is a navigation).
  const [search, setSearch] = useState(params.get('q') ?? '');
  const status = params.get('status') ?? '';
  const minionsQuery = useMinions();

  const setParam = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (search === (params.get('q') ?? '')) return;
    const timer = window.setTimeout(() => setParam('q', search), 350);
    return () => window.clearTimeout(timer);
  });

  const data = minionsQuery.data;
  const term = search.trim().toLowerCase();
  const shown = useMemo(
    () => (data?.minions ?? []).filter((minion) => matches(minion, term) && (!status || minion.status === status)),
    [data, term, status],
  );

  return (
    <section>
      <PageHeader
        title="Minions"
        description={
          data ? (
            <span className="cell-title">
              {data.total} minions · snapshot of {formatDateTime(data.last_refreshed_at, { seconds: true })}
              {data.is_stale ? <StaleBadge since={data.last_refreshed_at} /> : null}
            </span>
          ) : (
            'Every managed server, its grains and its last contact.'
          )
        }
      />
      <form className="filters" role="search" aria-label="Minion filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={searchId}>Search minions</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder="Id, OS or IP"
            autoComplete="off"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(event) => setParam('status', event.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </form>
      {minionsQuery.isPending ? <Loading /> : null}
      {minionsQuery.isError && !data ? <LoadError error={minionsQuery.error} onRetry={() => void minionsQuery.refetch()} /> : null}
      {data && data.total === 0 ? (
        <Empty>No minions yet. They appear once the Salt pollers have read the master's keys.</Empty>
      ) : null}
      {data && data.total > 0 && shown.length === 0 ? <Empty>No minion matches.</Empty> : null}
      {shown.length > 0 ? (
        <MinionsTable minions={shown} onOpen={(minion) => navigate(`/minions/${encodeURIComponent(minion.id)}`)} />
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.minionsView}>
      <MinionsPage />
    </RequirePermission>
  );
}
