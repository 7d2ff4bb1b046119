import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.machinesView}>
      <PlaceholderPage
        title="Plant overview"
        description="Sites, lines and machines at a glance."
        arrivesWith="the plant connection"
      />
    </RequirePermission>
  );
}
