import type { QueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, redirect, type LoaderFunctionArgs } from 'react-router-dom';
import { setupStatusQueryOptions, useSetupStatus } from '../../../features/settings/api/get-setup-status';
import { SaltSetupNotice } from '../../../features/settings/components/salt-setup-notice';
import { isSetupSkipped } from '../../../features/settings/utils/setup-skip';
import { canDo } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { useUser } from '../../../lib/session';
import { requireUser } from '../../guards';
import { showsSection } from '../../nav';

// Until the Salt connection is set up, whoever may set it up goes to the wizard first, unless
// they skipped it in this tab (salt-console.md §1.2 SetupGuard).
export const clientLoader = (queryClient: QueryClient) => async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(queryClient, request);
  if (!canDo(user, P.settingsEdit) || isSetupSkipped()) return null;
  // A failed status check must not lock the pages; the component retries it.
  const status = await queryClient.ensureQueryData(setupStatusQueryOptions()).catch(() => null);
  if (status && !status.configured) throw redirect('/setup');
  return null;
};

/** The Salt pages' guard: sends setters-up to /setup, tells everyone else the connection is missing. */
export function Component() {
  const user = useUser();
  const canSetUp = canDo(user, P.settingsEdit);
  const seesSalt = showsSection(user, 'Salt');
  const statusQuery = useSetupStatus({ enabled: canSetUp || seesSalt });
  const missing = statusQuery.data?.configured === false;

  if (missing && canSetUp && !isSetupSkipped()) return <Navigate to="/setup" replace />;
  return (
    <>
      {missing && seesSalt ? <SaltSetupNotice canSetUp={canSetUp} /> : null}
      <Outlet />
    </>
  );
}
