import { Navigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { canDo } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { useUser } from '../../../lib/session';
import { firstAllowedPath } from '../../nav';

/** The start page: the Salt overview, or the first page the user may see instead. */
export function Component() {
  const user = useUser();
  if (canDo(user, P.minionsView)) {
    return (
      <PlaceholderPage
        title="Overview"
        description="Minion counts, key requests and recent jobs."
        arrivesWith="the Salt connection"
      />
    );
  }
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
