import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.machinesView}>
      <PlaceholderPage
        title="Machines"
        description="Every machine, its state and its readings."
        arrivesWith="the plant connection"
      />
    </RequirePermission>
  );
}
