import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useDeleteUser } from '../api/delete-user';
import type { UserSummary } from '../api/types';

/** Confirms and deletes a user; the server refuses yourself and built-in users (409). */
export function DeleteUserDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const deleteMutation = useDeleteUser();
  return (
    <ConfirmDialog
      open
      title="Delete user"
      busy={deleteMutation.isPending}
      error={deleteMutation.error}
      onConfirm={() => deleteMutation.mutate(user.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p>
        Delete <strong>{user.username}</strong>? Their sessions end and they can no longer sign in. Audit entries keep
        their name.
      </p>
    </ConfirmDialog>
  );
}
