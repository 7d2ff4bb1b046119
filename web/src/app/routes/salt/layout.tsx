import type { QueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, redirect, type LoaderFunctionArgs } from 'react-router-dom';
import { useActivityStream } from '../../../features/activity/hooks/use-activity-stream';
import { jobsKeys } from '../../../features/jobs/api/get-jobs';
import { keysKeys } from '../../../features/keys/api/get-keys';
import { minionsKeys } from '../../../features/minions/api/get-minions';
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

// What each live activity event refreshes (the stream hook takes the keys from the page).
const STREAM_REFRESHES = { job: jobsKeys.all, key: keysKeys.all, minion: minionsKeys.all };

/** The Salt pages' guard: sends setters-up to /setup, tells everyone else the connection is missing. */
export function Component() {
  const user = useUser();
  const canSetUp = canDo(user, P.settingsEdit);
  const seesSalt = showsSection(user, 'Salt');
  const statusQuery = useSetupStatus({ enabled: canSetUp || seesSalt });
  const missing = statusQuery.data?.configured === false;
  // One live activity stream for every Salt page: it feeds the Activity tail and refreshes lists.
  const seesActivity = [P.jobsView, P.keysView, P.minionsView].some((permission) => canDo(user, permission));
  useActivityStream({ enabled: seesActivity && !missing, invalidate: STREAM_REFRESHES });

  if (missing && canSetUp && !isSetupSkipped()) return <Navigate to="/setup" replace />;
  return (
    <>
      {missing && seesSalt ? <SaltSetupNotice canSetUp={canSetUp} /> : null}
      <Outlet />
    </>
  );
}
