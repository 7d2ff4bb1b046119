import { PlaceholderPage } from '../../../components/placeholder-page';
import { RequirePermission } from '../../../components/forbidden';
import { P } from '../../../lib/permissions';

export function Component() {
  return (
    <RequirePermission permission={P.minionsView}>
      <PlaceholderPage
        title="Minions"
        description="Every managed server, its grains and its last contact."
        arrivesWith="the Salt connection"
      />
    </RequirePermission>
  );
}
