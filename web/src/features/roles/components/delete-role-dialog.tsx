import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useDeleteRole } from '../api/delete-role';
import type { RoleSummary } from '../api/types';

/** Confirms and deletes a custom role; its users lose its permissions. */
export function DeleteRoleDialog({ role, onClose, onDeleted }: { role: RoleSummary; onClose: () => void; onDeleted: () => void }) {
  const deleteMutation = useDeleteRole();
  return (
    <ConfirmDialog
      open
      title="Delete role"
      busy={deleteMutation.isPending}
      error={deleteMutation.error}
      onConfirm={() => deleteMutation.mutate(role.id, { onSuccess: onDeleted })}
      onClose={onClose}
    >
      <p>
        Delete <strong>{role.name}</strong>? Users holding it lose its {role.permission_count} permission
        {role.permission_count === 1 ? '' : 's'}.
      </p>
    </ConfirmDialog>
  );
}
