import type { QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Loading, LoadError } from '../../../components/query-state';
import { settingsQueryOptions, useSettings } from '../../../features/settings/api/get-settings';
import { SetupWizard } from '../../../features/settings/components/setup-wizard';
import { skipSetup } from '../../../features/settings/utils/setup-skip';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.settingsEdit, () => queryClient.prefetchQuery(settingsQueryOptions()));

/** The first-run wizard (`/setup`): where the Salt pages send whoever may set the connection up. */
function SetupPage() {
  const settingsQuery = useSettings();
  const navigate = useNavigate();

  const handleFinish = () => {
    void navigate('/', { replace: true });
  };

  const handleSkip = () => {
    skipSetup();
    void navigate('/', { replace: true });
  };

  return (
    <section className="setup-page">
      <PageHeader
        title="Set up Fleetdeck"
        description="Connect Fleetdeck to your Salt master through salt-api (rest_cherrypy). You can change this later under Admin › Settings."
      />
      {settingsQuery.isPending ? <Loading /> : null}
      {settingsQuery.isError ? <LoadError error={settingsQuery.error} onRetry={() => void settingsQuery.refetch()} /> : null}
      {settingsQuery.isSuccess ? <SetupWizard saved={settingsQuery.data.salt} onFinish={handleFinish} onSkip={handleSkip} /> : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.settingsEdit}>
      <SetupPage />
    </RequirePermission>
  );
}
