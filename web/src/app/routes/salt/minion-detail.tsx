import type { QueryClient } from '@tanstack/react-query';
import { Link, useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { minionQueryOptions, useMinion } from '../../../features/minions/api/get-minion';
import { useMinionCompliance } from '../../../features/minions/api/get-minion-compliance';
import { useMinionRuns } from '../../../features/minions/api/get-minion-runs';
import { ComplianceSparkline } from '../../../features/minions/components/compliance-sparkline';
import { GrainsExplorer } from '../../../features/minions/components/grains-explorer';
import { MinionFacts } from '../../../features/minions/components/minion-facts';
import { MinionRunsTable } from '../../../features/minions/components/minion-runs-table';
import { ApiError } from '../../../lib/api-client';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) => (args: LoaderFunctionArgs) =>
  prefetchLoader(queryClient, P.minionsView, () => queryClient.prefetchQuery(minionQueryOptions(args.params.id ?? '')))(args);

function RunsSection({ id }: { id: string }) {
  const runsQuery = useMinionRuns(id);
  const complianceQuery = useMinionCompliance(id);
  return (
    <div className="minion-runs">
      <section className="panel" aria-labelledby="minion-compliance-title">
        <h2 id="minion-compliance-title" className="panel-title">
          Compliance
        </h2>
        {complianceQuery.isPending ? <Loading /> : null}
        {complianceQuery.isError ? <LoadError error={complianceQuery.error} onRetry={() => void complianceQuery.refetch()} /> : null}
        {complianceQuery.data && complianceQuery.data.buckets.length === 0 ? <p className="muted">No state runs recorded yet.</p> : null}
        {complianceQuery.data && complianceQuery.data.buckets.length > 0 ? (
          <ComplianceSparkline buckets={complianceQuery.data.buckets} />
        ) : null}
      </section>
      <h2 className="section-title">State runs</h2>
      {runsQuery.isPending ? <Loading /> : null}
      {runsQuery.isError ? <LoadError error={runsQuery.error} onRetry={() => void runsQuery.refetch()} /> : null}
      {runsQuery.data && runsQuery.data.runs.length === 0 ? <Empty>No state runs recorded for this minion.</Empty> : null}
      {runsQuery.data && runsQuery.data.runs.length > 0 ? <MinionRunsTable runs={runsQuery.data.runs} /> : null}
    </div>
  );
}

function MinionDetailPage() {
  const id = useParams().id ?? '';
  const canRun = useCan(P.saltExecute);
  const minionQuery = useMinion(id);
  const minion = minionQuery.data;
  const notFound = minionQuery.error instanceof ApiError && minionQuery.error.status === 404;

  const actions = (
    <>
      <Link to="/minions" className="button">
        Back to minions
      </Link>
      {canRun ? (
        <Link to={`/run?target=${encodeURIComponent(id)}&target_type=list`} className="button button-primary">
          Run on this minion
        </Link>
      ) : null}
    </>
  );

  return (
    <section>
      <PageHeader title={id} description="Minion" actions={actions} />
      {minionQuery.isPending ? <Loading /> : null}
      {notFound ? (
        <div className="placeholder" role="alert">
          <h2>Minion not found</h2>
          <p>Fleetdeck has no minion called {id}.</p>
        </div>
      ) : null}
      {minionQuery.isError && !notFound && !minion ? (
        <LoadError error={minionQuery.error} onRetry={() => void minionQuery.refetch()} />
      ) : null}
      {minion ? (
        <>
          <MinionFacts minion={minion} />
          <div className="minion-detail-grid">
            <RunsSection id={id} />
            <section className="panel" aria-labelledby="minion-grains-title">
              <h2 id="minion-grains-title" className="panel-title">
                Grains
              </h2>
              {minion.grains ? <GrainsExplorer grains={minion.grains} /> : <p className="muted">No grains collected yet.</p>}
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.minionsView}>
      <MinionDetailPage />
    </RequirePermission>
  );
}
