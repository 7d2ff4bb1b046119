import type { KeyboardEvent } from 'react';
import { formatDateTime } from '../../../lib/format';
import type { JobSummary } from '../api/types';
import { JobStatusBadge } from './job-status-badge';

interface JobsTableProps {
  jobs: JobSummary[];
  activeKnown: boolean;
  onOpen: (job: JobSummary) => void;
}

/** The jobs list, newest first; a row opens the job. */
export function JobsTable({ jobs, activeKnown, onOpen }: JobsTableProps) {
  const handleKey = (event: KeyboardEvent, job: JobSummary) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(job);
    }
  };
  return (
    <div className="table-wrap">
      <table className="table table-selectable">
        <thead>
          <tr>
            <th scope="col">JID</th>
            <th scope="col">Function</th>
            <th scope="col">Target</th>
            <th scope="col">Type</th>
            <th scope="col">User</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr
              key={job.jid}
              data-testid={`job-row-${job.jid}`}
              data-status={job.status}
              tabIndex={0}
              onClick={() => onOpen(job)}
              onKeyDown={(event) => handleKey(event, job)}
            >
              <td>
                <code>{job.jid}</code>
              </td>
              <td className="strong">{job.function}</td>
              <td className="cell-target" title={job.target}>
                {job.target || <span className="muted">—</span>}
              </td>
              <td>{job.target_type ?? <span className="muted">—</span>}</td>
              <td>{job.user ?? <span className="muted">—</span>}</td>
              <td className="nowrap numeric">{formatDateTime(job.started_at ?? job.start_time, { seconds: true })}</td>
              <td>
                <JobStatusBadge status={job.status} known={activeKnown} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
