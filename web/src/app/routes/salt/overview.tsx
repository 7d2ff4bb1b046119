import type { QueryClient } from '@tanstack/react-query';
import { Navigate, type LoaderFunctionArgs } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { Loading, LoadError } from '../../../components/query-state';
import { SaltError } from '../../../components/salt-error';
import { useActivity } from '../../../features/activity/api/get-activity';
import { useWidgetConfig } from '../../../features/activity/api/get-widget-config';
import type { ActivityQuery, WidgetConfig } from '../../../features/activity/api/types';
import { ActivityList } from '../../../features/activity/components/activity-list';
import { jobActivityQueryOptions, useJobActivity } from '../../../features/jobs/api/get-job-activity';
import { useKeys } from '../../../features/keys/api/get-keys';
import { minionsQueryOptions, useMinions } from '../../../features/minions/api/get-minions';
import type { MinionSummary } from '../../../features/minions/api/types';
import { JobActivityChart } from '../../../features/overview/components/job-activity-chart';
import { KpiCard } from '../../../features/overview/components/kpi-card';
import { OverviewCard } from '../../../features/overview/components/overview-card';
import { CountBars, Donut, type Slice } from '../../../features/overview/components/status-charts';
import { ApiError } from '../../../lib/api-client';
import { canDo, useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { useUser, type SessionUser } from '../../../lib/session';
import { requireUser } from '../../guards';
import { firstAllowedPath } from '../../nav';

/** The Overview is for anyone who sees some Salt data; others land on their first page. */
const seesOverview = (user: SessionUser | null) => [P.minionsView, P.jobsView, P.keysView].some((p) => canDo(user, p));

export const clientLoader = (queryClient: QueryClient) => async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(queryClient, request);
  const prefetches: Promise<unknown>[] = [];
  if (canDo(user, P.minionsView)) prefetches.push(queryClient.prefetchQuery(minionsQueryOptions()));
  if (canDo(user, P.jobsView)) prefetches.push(queryClient.prefetchQuery(jobActivityQueryOptions(24)));
  await Promise.all(prefetches);
  return null;
};

const count = (minions: MinionSummary[], status: string) => minions.filter((minion) => minion.status === status).length;

function minionSlices(minions: MinionSummary[]): Slice[] {
  return [
    { name: 'online', value: count(minions, 'online'), color: 'var(--success)' },
    { name: 'offline', value: count(minions, 'offline'), color: 'var(--text-muted)' },
    { name: 'pending', value: count(minions, 'pending'), color: 'var(--accent)' },
    { name: 'rejected', value: count(minions, 'rejected') + count(minions, 'denied'), color: 'var(--danger)' },
  ];
}

function keySlices(minions: MinionSummary[]): Slice[] {
  return [
    { name: 'accepted', value: count(minions, 'online') + count(minions, 'offline'), color: 'var(--success)' },
    { name: 'pending', value: count(minions, 'pending'), color: 'var(--accent)' },
    { name: 'rejected', value: count(minions, 'rejected'), color: 'var(--danger)' },
    { name: 'denied', value: count(minions, 'denied'), color: 'var(--warning)' },
  ];
}

/** The widget's list request (salt-console.md §4 Activity): categories only when some are off. */
function widgetQuery(config: WidgetConfig, allowed: Record<string, boolean>): ActivityQuery {
  const shown = [
    ['job', config.widget_show_jobs && allowed.job],
    ['key', config.widget_show_keys && allowed.key],
    ['minion', config.widget_show_minions && allowed.minion],
  ].filter(([, on]) => on).map(([name]) => String(name));
  return {
    hide_dispatch: config.widget_hide_dispatch || undefined,
    hide_routine: config.widget_hide_routine || undefined,
    categories: shown.length < 3 ? shown.join(',') || 'none' : undefined,
    limit: config.widget_event_count,
  };
}

function RecentActivityCard({ allowed }: { allowed: Record<string, boolean> }) {
  const configQuery = useWidgetConfig();
  const config = configQuery.data;
  const listQuery = useActivity(config ? widgetQuery(config, allowed) : { limit: 10 }, { enabled: Boolean(config) });
  const heartbeatQuery = useActivity(
    { since_minutes: config?.widget_heartbeat_minutes ?? 60, limit: 1 },
    { enabled: Boolean(config) },
  );
  const minutes = config?.widget_heartbeat_minutes ?? 60;
  const window = minutes === 60 ? 'last hour' : minutes % 60 === 0 ? `last ${minutes / 60} h` : `last ${minutes} min`;
  const heartbeat = heartbeatQuery.data ? (
    <span className="muted numeric" data-testid="activity-heartbeat">
      {heartbeatQuery.data.total} events · {window}
    </span>
  ) : null;
  return (
    <OverviewCard title="Recent activity" link={{ to: '/activity', label: 'All activity' }} aside={heartbeat} className="overview-activity" testId="recent-activity">
      {configQuery.isError ? <LoadError error={configQuery.error} onRetry={() => void configQuery.refetch()} /> : null}
      {listQuery.isError ? <LoadError error={listQuery.error} onRetry={() => void listQuery.refetch()} /> : null}
      {!listQuery.data && !configQuery.isError && !listQuery.isError ? <Loading /> : null}
      {listQuery.data && listQuery.data.events.length === 0 ? <p className="muted">No notable activity.</p> : null}
      {listQuery.data && listQuery.data.events.length > 0 ? <ActivityList events={listQuery.data.events} /> : null}
    </OverviewCard>
  );
}

const isSaltOutage = (error: unknown) => error instanceof ApiError && (error.status === 503 || error.status === 502);

function OverviewPage({ user }: { user: SessionUser | null }) {
  const canMinions = useCan(P.minionsView);
  const canJobs = useCan(P.jobsView);
  const canKeys = useCan(P.keysView);
  const minionsQuery = useMinions({ enabled: canMinions });
  const activityQuery = useJobActivity(24, { enabled: canJobs });
  const keysQuery = useKeys({ enabled: canKeys });

  const minions = minionsQuery.data?.minions ?? [];
  const online = count(minions, 'online');
  const accepted = online + count(minions, 'offline');
  const pendingKeys = keysQuery.data?.keys.filter((key) => key.status === 'pending').length;
  const jobs = activityQuery.data;
  const outage = [keysQuery, activityQuery, minionsQuery].find((query) => query.isError && isSaltOutage(query.error));
  const greeting = user?.display_name || user?.username;

  return (
    <section>
      <PageHeader title="Overview" description={greeting ? `Welcome back, ${greeting}. Here is the fleet right now.` : undefined} />
      {outage ? <SaltError error={outage.error} onRetry={() => void outage.refetch()} /> : null}
      <div className="kpi-grid">
        {canMinions ? (
          <KpiCard
            label="Online minions"
            value={minionsQuery.data ? `${online}/${accepted}` : null}
            hint={
              minionsQuery.data && accepted === 0
                ? 'no minions known yet'
                : minionsQuery.data?.is_stale
                  ? 'snapshot is stale'
                  : `${accepted - online} offline`
            }
            tone={accepted === 0 ? undefined : online < accepted ? 'warning' : 'success'}
            to="/minions"
            testId="kpi-online-minions"
          />
        ) : null}
        {canKeys ? (
          <KpiCard
            label="Pending keys"
            value={pendingKeys ?? null}
            hint={keysQuery.isError ? 'Salt-API unreachable' : pendingKeys ? 'waiting for a decision' : 'none waiting'}
            tone={pendingKeys ? 'accent' : undefined}
            to="/keys"
            testId="kpi-pending-keys"
          />
        ) : null}
        {canJobs ? (
          <KpiCard
            label="Running jobs"
            value={jobs ? (jobs.active_known ? jobs.running : '—') : null}
            hint={jobs && !jobs.active_known ? 'not known yet' : 'on the master now'}
            tone={jobs?.running ? 'accent' : undefined}
            to="/jobs?status=running"
            testId="kpi-running-jobs"
          />
        ) : null}
        {canJobs ? (
          <KpiCard label="Jobs · 24h" value={jobs?.total ?? null} hint="started in the last 24 hours" to="/jobs?hours=24" testId="kpi-jobs-24h" />
        ) : null}
      </div>
      <div className="overview-grid">
        {canJobs ? (
          <OverviewCard title="Job activity" link={{ to: '/jobs', label: 'All jobs' }} className="overview-wide" testId="job-activity">
            {activityQuery.isPending ? <Loading /> : null}
            {activityQuery.isError && !isSaltOutage(activityQuery.error) ? (
              <LoadError error={activityQuery.error} onRetry={() => void activityQuery.refetch()} />
            ) : null}
            {jobs ? <JobActivityChart buckets={jobs.buckets} /> : null}
          </OverviewCard>
        ) : null}
        {canMinions ? (
          <OverviewCard title="Minion status" link={{ to: '/minions', label: 'Minions' }} testId="minion-status">
            {minionsQuery.isPending ? <Loading /> : null}
            {minionsQuery.isError ? <LoadError error={minionsQuery.error} onRetry={() => void minionsQuery.refetch()} /> : null}
            {minionsQuery.data && minions.length === 0 ? <p className="muted">No minions known yet.</p> : null}
            {minionsQuery.data && minions.length > 0 ? (
              <Donut slices={minionSlices(minions)} label="minions" testId="minion-status-donut" />
            ) : null}
          </OverviewCard>
        ) : null}
        {canMinions ? (
          <OverviewCard title="Key status" link={canKeys ? { to: '/keys', label: 'Keys' } : undefined} testId="key-status">
            {minionsQuery.isPending ? <Loading /> : null}
            {minionsQuery.data && minions.length === 0 ? <p className="muted">No keys known yet.</p> : null}
            {minionsQuery.data && minions.length > 0 ? (
              <CountBars slices={keySlices(minions)} label="keys" testId="key-status-bar" />
            ) : null}
          </OverviewCard>
        ) : null}
        <RecentActivityCard allowed={{ job: canJobs, key: canKeys, minion: canMinions }} />
      </div>
    </section>
  );
}

/** The start page: the Salt overview, or the first page the user may see instead. */
export function Component() {
  const user = useUser();
  if (seesOverview(user)) return <OverviewPage user={user} />;
  const fallback = firstAllowedPath(user);
  if (fallback && fallback !== '/') return <Navigate to={fallback} replace />;
  return (
    <section>
      <PageHeader title="Welcome" />
      <div className="placeholder">
        <p>Your account has no pages yet. Ask an administrator to give you a role.</p>
      </div>
    </section>
  );
}
