import { Badge } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';
import type { ApiKeyView } from '../api/types';

function status(key: ApiKeyView, now: number): { label: string; tone: 'success' | 'danger' | 'neutral' } {
  if (key.revoked_at) return { label: 'revoked', tone: 'danger' };
  if (key.expires_at && new Date(key.expires_at).getTime() <= now) return { label: 'expired', tone: 'neutral' };
  return { label: 'active', tone: 'success' };
}

interface ApiKeysTableProps {
  keys: ApiKeyView[];
  canManage: boolean;
  onRevoke: (key: ApiKeyView) => void;
}

/** API keys with their prefix (the only part of the secret kept visible) and status. */
export function ApiKeysTable({ keys, canManage, onRevoke }: ApiKeysTableProps) {
  const now = Date.now();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Permissions</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            {canManage ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const { label, tone } = status(key, now);
            return (
              <tr key={key.id} data-testid={`api-key-row-${key.name}`}>
                <td className="strong">{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  <span className="tag-list">
                    {key.permissions.map((permission) => (
                      <code key={permission} className="tag">
                        {permission}
                      </code>
                    ))}
                  </span>
                </td>
                <td>
                  <Badge tone={tone}>{label}</Badge>
                </td>
                <td className="nowrap">{formatDateTime(key.created_at)}</td>
                <td className="nowrap">{key.expires_at ? formatDateTime(key.expires_at) : 'never'}</td>
                <td className="nowrap">{formatDateTime(key.last_used_at)}</td>
                {canManage ? (
                  <td className="row-actions">
                    {key.revoked_at ? null : (
                      <button type="button" className="button button-small button-danger-ghost" onClick={() => onRevoke(key)}>
                        Revoke
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
