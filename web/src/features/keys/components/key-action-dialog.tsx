import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useKeyAction } from '../api/key-actions';
import type { KeyAction, KeyEntry } from '../api/types';

const TEXT: Record<KeyAction, { title: string; label: string; body: string }> = {
  accept: {
    title: 'Accept key',
    label: 'Accept',
    body: 'The minion can then authenticate with the master and receive jobs.',
  },
  reject: {
    title: 'Reject key',
    label: 'Reject',
    body: 'The minion can no longer talk to the master until its key is accepted again.',
  },
  delete: {
    title: 'Delete key',
    label: 'Delete',
    body: 'The key is removed from the master; a running minion will submit a new pending key.',
  },
};

/** Confirms one key action and runs it. */
export function KeyActionDialog({ entry, action, onClose }: { entry: KeyEntry; action: KeyAction; onClose: () => void }) {
  const mutation = useKeyAction();
  const text = TEXT[action];
  return (
    <ConfirmDialog
      open
      title={text.title}
      confirmLabel={text.label}
      busy={mutation.isPending}
      error={mutation.error}
      onConfirm={() => mutation.mutate({ action, id: entry.id }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p>
        {text.label} the key of <strong>{entry.id}</strong> ({entry.status})? {text.body}
      </p>
    </ConfirmDialog>
  );
}
