import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.jobsView}>
      <PlaceholderPage
        title="Jobs"
        description="Salt jobs, their targets and their returns."
        arrivesWith="the Salt connection"
      />
    </RequirePermission>
  );
}
