import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useKillJob } from '../api/kill-job';
import type { KillResult } from '../api/types';

/** Confirms and kills a running job on the minions still running it. */
export function KillJobDialog({ jid, fun, onClose, onKilled }: { jid: string; fun: string; onClose: () => void; onKilled: (result: KillResult | undefined) => void }) {
  const killMutation = useKillJob();
  const handleConfirm = () =>
    killMutation.mutate(jid, {
      onSuccess: (result) => {
        onKilled(result);
        onClose();
      },
    });
  return (
    <ConfirmDialog
      open
      title="Kill job"
      confirmLabel="Kill"
      busy={killMutation.isPending}
      error={killMutation.error}
      onConfirm={handleConfirm}
      onClose={onClose}
    >
      <p>
        Kill job <code>{jid}</code> (<strong>{fun}</strong>)? Every minion still running it gets SIGKILL; work already
        done stays done.
      </p>
    </ConfirmDialog>
  );
}
