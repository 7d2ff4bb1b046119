import { useState, type FormEvent } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { Dialog } from '../../../components/dialog';
import { FormError, fieldError } from '../../../components/form-error';
import { TextAreaField, TextField } from '../../../components/form-field';
import { ApiError } from '../../../lib/api-client';
import { localInputToIso } from '../../../lib/format';
import { useCreateApiKey } from '../api/create-api-key';
import type { ApiKeyCreated } from '../api/types';

/** `verb:resource` strings separated by commas or new lines; blanks dropped. */
export function parsePermissions(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

const isGrant = (text: string) => /^[^:\s]+:\S+$/.test(text);

// The server names list items `permissions.0`; the form has one box for them all.
function permissionsError(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const problem = error.details.find((item) => item.field === 'permissions' || item.field.startsWith('permissions.'));
  return problem?.message ?? (error.field?.startsWith('permissions') ? error.message : undefined);
}

/** Creates a key, then shows its secret once with a copy button. */
export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [permissionsText, setPermissionsText] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const createMutation = useCreateApiKey();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const permissions = parsePermissions(permissionsText);
    const invalid = permissions.filter((item) => !isGrant(item));
    if (permissions.length === 0 || invalid.length > 0) {
      setLocalError(
        invalid.length > 0 ? `Not a verb:resource permission: ${invalid.join(', ')}` : 'Give the key at least one permission.',
      );
      return;
    }
    setLocalError(null);
    const expires = localInputToIso(expiresAt);
    createMutation.mutate(
      { name: name.trim(), permissions, ...(expires ? { expires_at: expires } : {}) },
      { onSuccess: setCreated },
    );
  };

  if (created) {
    return (
      <Dialog
        open
        title="API key created"
        onClose={onClose}
        footer={
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <div className="alert alert-warning">Copy this key now. It is shown only once and cannot be recovered.</div>
        <div className="secret" data-testid="api-key-secret">
          <TextField label="API key" value={created.key} onChange={() => undefined} readOnly onFocus={(event) => event.target.select()} />
          <CopyButton text={created.key} />
        </div>
      </Dialog>
    );
  }

  const error = createMutation.error;
  return (
    <Dialog
      open
      title="Create API key"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-api-key-form" className="button button-primary" disabled={createMutation.isPending}>
            Create key
          </button>
        </>
      }
    >
      <form id="create-api-key-form" className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={error} fields={['name', 'permissions', 'expires_at']} />
        <TextField label="Name" value={name} onChange={setName} error={fieldError(error, 'name')} required autoFocus autoComplete="off" />
        <TextAreaField
          label="Permissions"
          value={permissionsText}
          onChange={setPermissionsText}
          rows={4}
          placeholder={'view:machine:*\nview:alert:*'}
          hint="One verb:resource per line or separated by commas."
          error={localError ?? permissionsError(error)}
          spellCheck={false}
        />
        <TextField
          label="Expires at"
          type="datetime-local"
          value={expiresAt}
          onChange={setExpiresAt}
          hint="Optional; leave empty for a key that does not expire."
          error={fieldError(error, 'expires_at')}
        />
      </form>
    </Dialog>
  );
}
