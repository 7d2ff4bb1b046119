import { useState } from 'react';
import { Badge } from '../../../components/badge';
import type { MinionResult, MinionStates } from '../api/types';
import { formatDuration, minionFailed, renderErrors } from '../utils/highstate';
import { JsonValue } from './json-value';
import { SuccessBadge } from './minion-results-table';
import { StateRows } from './state-rows';

interface MinionStatesCardProps {
  result: MinionResult;
  run: MinionStates | undefined;
  failuresOnly: boolean;
}

/** How to show one minion's return: its states, a render error, no answer, or the raw value. */
function outcome(result: MinionResult, run: MinionStates | undefined) {
  const kind = run?.kind ?? (run ? (run.blocked ? 'blocked' : 'states') : renderErrors(result.return_value) ? 'render_error' : 'other');
  const errors = run?.errors?.length ? run.errors : (renderErrors(result.return_value) ?? []);
  return { kind, errors };
}

/** One minion of a state job: counts in the header, states below; red with its failures open when any failed. */
function MinionStatesCard({ result, run, failuresOnly }: MinionStatesCardProps) {
  const failed = minionFailed(result, run);
  const [open, setOpen] = useState(failed);
  const { kind, errors } = outcome(result, run);
  const rows = run && kind === 'states' ? (failuresOnly ? run.rows.filter((row) => row.result === false) : run.rows) : [];
  return (
    <section
      className={`minion-states${failed ? ' is-failed' : ''}`}
      data-testid={`minion-result-${result.minion}`}
      data-failed={String(failed)}
      data-kind={kind}
      aria-label={`Minion ${result.minion}`}
    >
      <header className="minion-states-header">
        <button type="button" className="link-button strong minion-states-title" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          <span aria-hidden="true" className="disclosure">
            {open ? '▾' : '▸'}
          </span>{' '}
          {result.minion}
        </button>
        <span className="minion-states-counts">
          {run && kind === 'states' ? (
            <>
              <Badge tone="success">{run.passed} passed</Badge>
              <Badge tone={run.failed > 0 ? 'danger' : 'neutral'}>{run.failed} failed</Badge>
              <Badge tone={run.changed > 0 ? 'warning' : 'neutral'}>{run.changed} changed</Badge>
              <span className="muted numeric">
                {run.total} states · {formatDuration(run.duration_ms)}
              </span>
            </>
          ) : null}
          {kind === 'blocked' ? <Badge tone="warning">no return</Badge> : null}
          {kind === 'render_error' ? <Badge tone="danger">render error</Badge> : null}
          {result.truncated ? <Badge tone="neutral">truncated</Badge> : null}
          <SuccessBadge success={result.success} />
          <span className="muted numeric">retcode {result.retcode ?? '—'}</span>
        </span>
      </header>
      {open ? (
        <div className="minion-states-body">
          {kind === 'blocked' ? <p className="muted">{errors[0] ?? 'Minion did not return'}</p> : null}
          {kind === 'render_error' ? (
            <pre className="state-comment state-comment-error" data-testid="state-comment">
              {errors.join('\n')}
            </pre>
          ) : null}
          {rows.length > 0 ? <StateRows rows={rows} /> : null}
          {kind === 'other' ? <JsonValue value={result.return_value} open /> : null}
          {kind === 'states' ? (
            <details className="raw-return">
              <summary>Raw return</summary>
              <JsonValue value={result.return_value} open />
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

interface HighstateViewProps {
  results: MinionResult[];
  states: Record<string, MinionStates>;
  failuresOnly: boolean;
}

/** Every minion of a state job, those with failures first. */
export function HighstateView({ results, states, failuresOnly }: HighstateViewProps) {
  const ordered = results
    .map((result) => ({ result, run: states[result.minion], failed: minionFailed(result, states[result.minion]) }))
    .filter((item) => !failuresOnly || item.failed)
    .sort((a, b) => Number(b.failed) - Number(a.failed) || a.result.minion.localeCompare(b.result.minion));
  if (ordered.length === 0) {
    return <div className="state state-empty">{failuresOnly ? 'No minion failed.' : 'No returns yet.'}</div>;
  }
  return (
    <div className="minion-states-list">
      {ordered.map(({ result, run }) => (
        <MinionStatesCard key={result.minion} result={result} run={run} failuresOnly={failuresOnly} />
      ))}
    </div>
  );
}
