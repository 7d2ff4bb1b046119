import { Badge, type BadgeTone } from '../../../components/badge';
import type { MinionStatus, RunStatus } from '../api/types';

const MINION_TONES: Record<MinionStatus, BadgeTone> = {
  online: 'success',
  offline: 'neutral',
  pending: 'warning',
  rejected: 'danger',
  denied: 'danger',
};

/** online / offline, or the key state of a minion whose key is not accepted. */
export function MinionStatusBadge({ status }: { status: MinionStatus }) {
  return <Badge tone={MINION_TONES[status] ?? 'neutral'}>{status}</Badge>;
}

const RUN_TONES: Record<RunStatus, BadgeTone> = {
  healthy: 'success',
  changed: 'warning',
  unhealthy: 'danger',
  blocked: 'neutral',
};

/** The outcome of one state run. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={RUN_TONES[status] ?? 'neutral'}>{status}</Badge>;
}

/** Shown when the snapshot is older than 10 minutes: the pollers are not keeping up. */
export function StaleBadge({ since }: { since: string | null }) {
  return (
    <Badge tone="warning" title={since ? `Last refreshed ${since}` : 'Never refreshed'}>
      stale
    </Badge>
  );
}
