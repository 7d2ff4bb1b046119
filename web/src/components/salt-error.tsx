import { ApiError } from '../lib/api-client';
import { LoadError } from './query-state';

/**
 * A failed Salt call. A 503 (Salt-API unreachable or not configured) and a 502 (Salt-API
 * answered with an error) get their own explanation; the query keeps refetching on its interval,
 * so the page recovers by itself once the master is back. Anything else is a plain load error.
 */
export function SaltError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!(error instanceof ApiError) || (error.status !== 503 && error.status !== 502)) {
    return <LoadError error={error} onRetry={onRetry} />;
  }
  const notConfigured = error.status === 503 && /not configured/i.test(error.message);
  const title = notConfigured
    ? 'Salt-API not configured'
    : error.status === 503
      ? 'Salt-API unreachable'
      : 'Salt-API returned an error';
  return (
    <div className="alert alert-error salt-error" role="alert" data-testid="salt-unavailable" data-status={error.status}>
      <div>
        <strong>{title}</strong>
        <p className="salt-error-detail">{error.message}</p>
        <p className="muted salt-error-detail">Retrying automatically.</p>
      </div>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
