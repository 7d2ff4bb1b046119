import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.keysView}>
      <PlaceholderPage
        title="Keys"
        description="Pending, accepted and rejected minion keys."
        arrivesWith="the Salt connection"
      />
    </RequirePermission>
  );
}
