import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { CheckboxField } from '../../../components/form-field';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/query-state';
import { SaltError } from '../../../components/salt-error';
import { jobQueryOptions, useJob } from '../../../features/jobs/api/get-job';
import type { JobDetail, KillResult } from '../../../features/jobs/api/types';
import { HighstateSummary } from '../../../features/jobs/components/highstate-summary';
import { HighstateView } from '../../../features/jobs/components/highstate-view';
import { JobHeader } from '../../../features/jobs/components/job-header';
import { JobStatusBadge } from '../../../features/jobs/components/job-status-badge';
import { KillJobDialog } from '../../../features/jobs/components/kill-job-dialog';
import { MinionResultsTable } from '../../../features/jobs/components/minion-results-table';
import { jobStates, jobSummary, minionFailed, missingMinions } from '../../../features/jobs/utils/highstate';
import { ApiError } from '../../../lib/api-client';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) => (args: LoaderFunctionArgs) =>
  prefetchLoader(queryClient, P.jobsView, () => queryClient.prefetchQuery(jobQueryOptions(args.params.jid ?? '')))(args);

function JobBody({ job }: { job: JobDetail }) {
  const [failuresOnly, setFailuresOnly] = useState(false);
  const states = jobStates(job);
  const summary = jobSummary(job, states);
  const pending = missingMinions(job);
  const results = failuresOnly
    ? job.results.filter((result) => minionFailed(result, states?.[result.minion]))
    : job.results;

  return (
    <>
      {summary ? <HighstateSummary summary={summary} /> : null}
      <div className="section-toolbar">
        <h2>{states ? 'States by minion' : 'Returns by minion'}</h2>
        <CheckboxField label="Failures only" checked={failuresOnly} onChange={setFailuresOnly} />
      </div>
      {states ? (
        <HighstateView results={job.results} states={states} failuresOnly={failuresOnly} />
      ) : (
        <MinionResultsTable results={results} pending={failuresOnly ? [] : pending} />
      )}
      {states && pending.length > 0 && !failuresOnly ? (
        <p className="muted pending-minions" data-testid="pending-minions">
          {job.status === 'running' ? 'Waiting for' : 'No return from'} {pending.length}{' '}
          {pending.length === 1 ? 'minion' : 'minions'}: {pending.join(', ')}
        </p>
      ) : null}
    </>
  );
}

function JobDetailPage() {
  const jid = useParams().jid ?? '';
  const canKill = useCan(P.jobsKill);
  const [killing, setKilling] = useState(false);
  const [killSent, setKillSent] = useState<KillResult | null | undefined>(undefined);
  const jobQuery = useJob(jid);
  const job = jobQuery.data;
  const killable = job?.status === 'running';

  const status = job ? (
    <span data-testid="job-status" data-status={job.status}>
      <JobStatusBadge status={job.status} />
    </span>
  ) : null;

  const actions = (
    <>
      <Link to="/jobs" className="button">
        Back to jobs
      </Link>
      {canKill && job ? (
        <button
          type="button"
          className={`button button-danger${killing ? ' is-concealed' : ''}`}
          onClick={() => setKilling(true)}
          disabled={!killable}
          title={killable ? undefined : 'The job is not running'}
        >
          Kill job
        </button>
      ) : null}
    </>
  );

  return (
    <section>
      <PageHeader title={job ? job.function : `Job ${jid}`} description={<code>{jid}</code>} actions={actions} />
      {killSent !== undefined ? (
        <div className="alert alert-success page-notice" role="status" data-testid="kill-sent">
          {killSent && killSent.minions_targeted.length > 0
            ? `Kill signal sent to ${killSent.minions_signalled.join(', ') || 'no minion'}${
                killSent.minions_no_reply.length > 0 ? `; no reply from ${killSent.minions_no_reply.join(', ')}` : ''
              }.`
            : killSent
              ? 'No minion was still running the job.'
              : 'Kill signal sent.'}
        </div>
      ) : null}
      {jobQuery.isPending ? <Loading label="Asking the Salt master…" /> : null}
      {jobQuery.isError && jobQuery.error instanceof ApiError && jobQuery.error.status === 404 ? (
        <div className="placeholder" role="alert">
          <h2>Job not found</h2>
          <p>The Salt master no longer knows job {jid} (its job cache may have expired it).</p>
        </div>
      ) : null}
      {jobQuery.isError && !(jobQuery.error instanceof ApiError && jobQuery.error.status === 404) && !job ? (
        <SaltError error={jobQuery.error} onRetry={() => void jobQuery.refetch()} />
      ) : null}
      {job ? (
        <>
          <JobHeader job={job} status={status} />
          <JobBody job={job} />
        </>
      ) : null}
      {killing && job ? (
        <KillJobDialog jid={job.jid} fun={job.function} onClose={() => setKilling(false)} onKilled={(result) => setKillSent(result ?? null)} />
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.jobsView}>
      <JobDetailPage />
    </RequirePermission>
  );
}
