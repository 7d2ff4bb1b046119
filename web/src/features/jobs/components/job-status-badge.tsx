import { Badge } from '../../../components/badge';
import type { JobStatus } from '../api/types';

/** "Running" in amber while the master lists the job as active; "Complete" otherwise. */
export function JobStatusBadge({ status, known = true }: { status: JobStatus; known?: boolean }) {
  if (status === 'running') return <Badge tone="accent">Running</Badge>;
  return (
    <Badge tone="neutral" title={known ? undefined : 'Which jobs run is not known yet'}>
      {known ? 'Complete' : 'Complete?'}
    </Badge>
  );
}
