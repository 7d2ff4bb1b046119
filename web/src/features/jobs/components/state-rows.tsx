import { useState } from 'react';
import type { StateRow } from '../api/types';
import { formatDuration, hasChanges } from '../utils/highstate';
import { JsonValue } from './json-value';

const RESULT_LABEL = { true: 'passed', false: 'failed', null: 'would change' } as const;

function ResultMark({ result }: { result: boolean | null }) {
  const tone = result === true ? 'success' : result === false ? 'danger' : 'warning';
  const symbol = result === true ? '✓' : result === false ? '✗' : '○';
  return (
    <span className={`result result-${tone}`}>
      <span aria-hidden="true">{symbol}</span> {RESULT_LABEL[String(result) as keyof typeof RESULT_LABEL]}
    </span>
  );
}

/** One state: a summary row, and under it the comment and changes (open by default when it failed). */
function StateRowItem({ row }: { row: StateRow }) {
  const [open, setOpen] = useState(row.result === false);
  const changed = hasChanges(row.changes);
  return (
    <tbody
      className={`state-row${row.result === false ? ' is-failed' : ''}`}
      data-testid="state-row"
      data-result={String(row.result)}
      data-state-id={row.id}
    >
      <tr>
        <td className="numeric muted">{row.run_num}</td>
        <td>
          <button
            type="button"
            className="link-button strong"
            aria-expanded={open}
            onClick={() => setOpen((value) => !value)}
          >
            <span aria-hidden="true" className="disclosure">
              {open ? '▾' : '▸'}
            </span>{' '}
            {row.id}
          </button>
        </td>
        <td className="cell-target" title={row.name}>
          {row.name}
        </td>
        <td>
          <code>{row.module ? `${row.module}.${row.function}` : row.function}</code>
        </td>
        <td className="nowrap">
          <ResultMark result={row.result} />
        </td>
        <td>{changed ? <span className="result result-warning">changed</span> : <span className="muted">—</span>}</td>
        <td className="numeric nowrap">{formatDuration(row.duration_ms)}</td>
      </tr>
      {open ? (
        <tr className="state-detail">
          <td />
          <td colSpan={6}>
            {row.comment ? (
              <pre className={`state-comment${row.result === false ? ' state-comment-error' : ''}`} data-testid="state-comment">
                {row.comment}
              </pre>
            ) : null}
            {changed ? (
              <div className="state-changes">
                <span className="muted">Changes </span>
                <JsonValue value={row.changes} open />
              </div>
            ) : null}
            {row.sls ? <span className="muted">SLS {row.sls}</span> : null}
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

/** A minion's states in execution order. */
export function StateRows({ rows }: { rows: StateRow[] }) {
  return (
    <div className="table-scroll">
      <table className="table state-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">State</th>
            <th scope="col">Name</th>
            <th scope="col">Function</th>
            <th scope="col">Result</th>
            <th scope="col">Changes</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        {rows.map((row) => (
          <StateRowItem key={`${row.run_num}-${row.id}-${row.name}`} row={row} />
        ))}
      </table>
    </div>
  );
}
