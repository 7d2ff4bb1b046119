import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format';
import type { MinionRun } from '../api/types';
import { RunStatusBadge } from './minion-status-badge';

const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

/** The minion's state runs, newest first; each links to its job. */
export function MinionRunsTable({ runs }: { runs: MinionRun[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Completed</th>
            <th scope="col">Function</th>
            <th scope="col">Status</th>
            <th scope="col">Passed</th>
            <th scope="col">Failed</th>
            <th scope="col">Changed</th>
            <th scope="col">Duration</th>
            <th scope="col">JID</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid={`minion-run-${run.jid}`} data-status={run.status}>
              <td className="nowrap numeric">{formatDateTime(run.completed_at, { seconds: true })}</td>
              <td>{run.fun}</td>
              <td>
                <RunStatusBadge status={run.status} />
              </td>
              <td className="numeric">
                {run.pass_count}/{run.total_count}
              </td>
              <td className={`numeric${run.fail_count > 0 ? ' result-danger' : ''}`}>{run.fail_count}</td>
              <td className="numeric">{run.change_count}</td>
              <td className="numeric nowrap">{seconds(run.duration_ms)}</td>
              <td>
                <Link to={`/jobs/${encodeURIComponent(run.jid)}`}>
                  <code>{run.jid}</code>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
