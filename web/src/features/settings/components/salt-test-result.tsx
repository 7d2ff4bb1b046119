import type { SaltTestResult } from '../api/types';
import { minionsText } from '../utils/minions';

/** What "Test connection" found: connected with the minion count, or why it failed. */
export function SaltTestResultView({ result, testedSaved }: { result: SaltTestResult; testedSaved: boolean }) {
  const connected = result.minion_count === undefined ? `Connected — ${result.detail}` : `Connected — ${minionsText(result.minion_count)}`;
  return (
    <div
      className={`alert ${result.ok ? 'alert-success' : 'alert-error'} salt-test-result`}
      role="status"
      data-testid="salt-test-result"
      data-ok={String(result.ok)}
    >
      <span className="strong">{result.ok ? connected : `Connection failed: ${result.detail}`}</span>
      {testedSaved ? <span className="muted">Tried the saved connection.</span> : null}
    </div>
  );
}
