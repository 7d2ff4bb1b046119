import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.saltExecute}>
      <PlaceholderPage
        title="Run"
        description="Run a Salt function on a target."
        arrivesWith="the Salt connection"
      />
    </RequirePermission>
  );
}
