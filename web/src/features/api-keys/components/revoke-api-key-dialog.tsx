import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useRevokeApiKey } from '../api/revoke-api-key';
import type { ApiKeyView } from '../api/types';

/** Confirms and revokes a key; clients using it fail from the next request. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyView; onClose: () => void }) {
  const revokeMutation = useRevokeApiKey();
  return (
    <ConfirmDialog
      open
      title="Revoke API key"
      confirmLabel="Revoke"
      busy={revokeMutation.isPending}
      error={revokeMutation.error}
      onConfirm={() => revokeMutation.mutate(apiKey.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p>
        Revoke <strong>{apiKey.name}</strong> (<code>{apiKey.prefix}…</code>)? Clients using it are refused from their
        next request. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
