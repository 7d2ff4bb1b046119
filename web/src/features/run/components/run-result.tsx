import { Link } from 'react-router-dom';
import { CopyButton } from '../../../components/copy-button';
import type { RunResult } from '../api/types';

function JobLink({ jid }: { jid: string }) {
  return (
    <span className="cell-title">
      <Link to={`/jobs/${encodeURIComponent(jid)}`} className="strong" data-testid="run-result-jid">
        <code>{jid}</code>
      </Link>
      <CopyButton text={jid} label="Copy JID" />
    </span>
  );
}

/** The run's job (linked to the job page), the minions it targeted and, when it waited, their returns. */
export function RunResultView({ result }: { result: RunResult }) {
  const waited = 'returns' in result;
  const extraJids = waited ? result.jids.filter((jid) => jid !== result.jid) : [];
  return (
    <section className="panel run-result" data-testid="run-result" aria-label="Run result">
      <div className="run-result-header">
        <h2>{waited ? 'Job finished' : 'Job dispatched'}</h2>
        {result.jid ? <JobLink jid={result.jid} /> : <span className="muted">No job: no minion answered.</span>}
      </div>
      {extraJids.length > 0 ? (
        <p className="muted">
          Later batches:{' '}
          {extraJids.map((jid) => (
            <Link key={jid} to={`/jobs/${encodeURIComponent(jid)}`} className="run-batch-jid">
              <code>{jid}</code>
            </Link>
          ))}
        </p>
      ) : null}
      <p className="muted">
        {result.minions.length === 0
          ? 'No minion matched the target.'
          : `Targeted ${result.minions.length} ${result.minions.length === 1 ? 'minion' : 'minions'}:`}
      </p>
      {result.minions.length > 0 ? (
        <span className="tag-list">
          {result.minions.map((minion) => (
            <span key={minion} className="tag">
              {minion}
            </span>
          ))}
        </span>
      ) : null}
      {waited && Object.keys(result.returns).length > 0 ? (
        <details className="raw-return run-returns" open>
          <summary>Returns</summary>
          <pre className="json-block">{JSON.stringify(result.returns, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
