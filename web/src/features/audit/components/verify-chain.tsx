import { LoadError } from '../../../components/query-state';
import { useVerifyAudit } from '../api/verify-audit';

/** The "Verify chain" button and what the last check found. */
export function VerifyChain() {
  const verifyMutation = useVerifyAudit();
  const result = verifyMutation.data;

  return (
    <div className="verify-chain">
      <button
        type="button"
        className="button"
        onClick={() => verifyMutation.mutate()}
        disabled={verifyMutation.isPending}
      >
        {verifyMutation.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      {verifyMutation.isError ? <LoadError error={verifyMutation.error} /> : null}
      {result ? (
        <div
          className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`}
          role="status"
          data-testid="audit-verify-result"
          data-ok={String(result.ok)}
        >
          {result.ok ? (
            <span>
              Chain intact: {result.checked} {result.checked === 1 ? 'entry' : 'entries'} checked.
            </span>
          ) : (
            <span>
              Chain broken at entry {result.first_bad_id ?? 'unknown'} ({result.checked} checked).
            </span>
          )}
          {result.head_hash ? (
            <span className="muted hash" title={result.head_hash}>
              Head {result.head_hash.slice(0, 16)}…
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
