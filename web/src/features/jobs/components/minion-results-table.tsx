import { Badge } from '../../../components/badge';
import type { MinionResult } from '../api/types';
import { minionFailed } from '../utils/highstate';
import { JsonValue } from './json-value';

/** Success as a badge; unknown when Salt did not say. */
export function SuccessBadge({ success }: { success: boolean | null }) {
  if (success === true) return <Badge tone="success">success</Badge>;
  if (success === false) return <Badge tone="danger">failed</Badge>;
  return <Badge tone="neutral">unknown</Badge>;
}

/** Per-minion returns of a job; failed minions are marked red. Minions yet to return are listed last. */
export function MinionResultsTable({ results, pending }: { results: MinionResult[]; pending: string[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Minion</th>
            <th scope="col">Success</th>
            <th scope="col">Retcode</th>
            <th scope="col">Return value</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => {
            const failed = minionFailed(result, undefined);
            return (
              <tr
                key={result.minion}
                className={failed ? 'is-failed' : undefined}
                data-testid={`minion-result-${result.minion}`}
                data-failed={String(failed)}
              >
                <td className="strong nowrap">{result.minion}</td>
                <td>
                  <SuccessBadge success={result.success} />
                </td>
                <td className="numeric">{result.retcode ?? '—'}</td>
                <td className="cell-return">
                  <JsonValue value={result.return_value} />
                </td>
              </tr>
            );
          })}
          {pending.map((minion) => (
            <tr key={minion} data-testid={`minion-pending-${minion}`}>
              <td className="strong nowrap">{minion}</td>
              <td colSpan={3}>
                <span className="muted">No return</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
