import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Empty, Loading } from '../../../components/query-state';
import { SaltError } from '../../../components/salt-error';
import { jobsQueryOptions, useJobs } from '../../../features/jobs/api/get-jobs';
import type { JobQuery, JobStatus, JobSummary } from '../../../features/jobs/api/types';
import { JobsFilters } from '../../../features/jobs/components/jobs-filters';
import { JobsTable } from '../../../features/jobs/components/jobs-table';
import { canDo } from '../../../lib/can';
import { formatDateTime } from '../../../lib/format';
import { P } from '../../../lib/permissions';
import { requireUser } from '../../guards';

const PAGE_SIZE = 50;

/** The filters live in the URL (`?q=state.highstate&live=true`), so a filtered list can be shared. */
function queryFromParams(params: URLSearchParams): JobQuery {
  const status = params.get('status');
  const hours = Number(params.get('hours') ?? 0);
  return {
    q: params.get('q') ?? '',
    status: status === 'running' || status === 'complete' ? (status as JobStatus) : '',
    user: params.get('user') ?? '',
    hours: Number.isFinite(hours) && hours > 0 ? hours : 0,
    live: params.get('live') === 'true',
    limit: PAGE_SIZE,
  };
}

// Filters change the URL, which re-runs this loader: it starts the fetch without waiting for it,
// so a switch or a search applies at once while the list keeps its previous page meanwhile.
export const clientLoader = (queryClient: QueryClient) => async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(queryClient, request);
  if (canDo(user, P.jobsView)) void queryClient.prefetchInfiniteQuery(jobsQueryOptions(queryFromParams(new URL(request.url).searchParams)));
  return null;
};

function JobsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const jobsQuery = useJobs(query);

  const handleChange = useCallback(
    (changes: Partial<JobQuery>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === '' || value === 0 || value === false || value === undefined) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const handleOpen = (job: JobSummary) => navigate(`/jobs/${encodeURIComponent(job.jid)}`);

  const pages = jobsQuery.data?.pages ?? [];
  const jobs = pages.flatMap((page) => page.jobs);
  const first = pages[0];
  return (
    <section>
      <PageHeader
        title="Jobs"
        description={
          query.live
            ? 'Live from the Salt master (at most 500 jobs).'
            : `From Fleetdeck's jobs index${first?.last_polled_at ? `, refreshed ${formatDateTime(first.last_polled_at, { seconds: true })}` : ''}.`
        }
      />
      <JobsFilters value={query} onChange={handleChange} />
      {jobsQuery.isPending ? <Loading /> : null}
      {jobsQuery.isError && !jobsQuery.data ? <SaltError error={jobsQuery.error} onRetry={() => void jobsQuery.refetch()} /> : null}
      {jobsQuery.data && jobs.length === 0 ? <Empty>No jobs match.</Empty> : null}
      {jobs.length > 0 ? (
        <>
          <JobsTable jobs={jobs} activeKnown={first?.active_known ?? false} onOpen={handleOpen} />
          <div className="table-footer">
            <span className="muted numeric" data-testid="jobs-count">
              {jobs.length} {jobs.length === 1 ? 'job' : 'jobs'} shown
            </span>
            {jobsQuery.hasNextPage ? (
              <button
                type="button"
                className="button"
                onClick={() => void jobsQuery.fetchNextPage()}
                disabled={jobsQuery.isFetchingNextPage}
              >
                {jobsQuery.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.jobsView}>
      <JobsPage />
    </RequirePermission>
  );
}
