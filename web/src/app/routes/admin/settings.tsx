import type { QueryClient } from '@tanstack/react-query';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Loading, LoadError } from '../../../components/query-state';
import { settingsQueryOptions, useSettings } from '../../../features/settings/api/get-settings';
import { PollerSettingsCard } from '../../../features/settings/components/poller-settings-card';
import { SaltConnectionCard } from '../../../features/settings/components/salt-connection-card';
import { WidgetSettingsCard } from '../../../features/settings/components/widget-settings-card';
import { formatDateTime } from '../../../lib/format';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.settingsEdit, () => queryClient.prefetchQuery(settingsQueryOptions()));

function SettingsPage() {
  const settingsQuery = useSettings();
  const updatedAt = settingsQuery.data?.updated_at;

  return (
    <section>
      <PageHeader
        title="Settings"
        description={
          <>
            How Fleetdeck reaches Salt, what it does in the background, and the Overview's activity widget. Changes
            apply at once.
            {settingsQuery.isSuccess ? (
              <span className="settings-updated" data-testid="settings-updated-at">
                {updatedAt ? `Last changed ${formatDateTime(updatedAt, { seconds: true })}` : 'Never changed: the defaults apply.'}
              </span>
            ) : null}
          </>
        }
      />
      {settingsQuery.isPending ? <Loading /> : null}
      {settingsQuery.isError ? <LoadError error={settingsQuery.error} onRetry={() => void settingsQuery.refetch()} /> : null}
      {settingsQuery.isSuccess ? (
        <div className="settings-cards">
          <SaltConnectionCard saved={settingsQuery.data.salt} />
          <PollerSettingsCard saved={settingsQuery.data.pollers} />
          <WidgetSettingsCard saved={settingsQuery.data.widget} />
        </div>
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.settingsEdit}>
      <SettingsPage />
    </RequirePermission>
  );
}
