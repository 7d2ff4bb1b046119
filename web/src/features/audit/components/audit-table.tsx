import { Badge } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';
import type { AuditEntry } from '../api/types';

function resultTone(code: number): 'success' | 'danger' | 'warning' {
  if (code >= 500) return 'danger';
  if (code >= 400) return 'warning';
  return 'success';
}

/** Audit entries, newest first, with the decision as a coloured badge. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Decision</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-decision={entry.decision}>
              <td className="nowrap">
                <time dateTime={entry.at}>{formatDateTime(entry.at, { seconds: true })}</time>
              </td>
              <td>{entry.actor}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>{entry.resource ? <code>{entry.resource}</code> : <span className="muted">—</span>}</td>
              <td>
                <Badge tone={entry.decision === 'allow' ? 'success' : 'danger'}>{entry.decision}</Badge>
              </td>
              <td className="numeric">
                <span className={`result result-${resultTone(entry.result_code)}`}>{entry.result_code}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
