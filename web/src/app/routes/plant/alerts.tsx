import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.alertsView}>
      <PlaceholderPage
        title="Alerts"
        description="Open and acknowledged machine alerts."
        arrivesWith="the plant connection"
      />
    </RequirePermission>
  );
}
