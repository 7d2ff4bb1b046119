import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format';
import type { JobDetail } from '../api/types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What was run, where, by whom and when, with the arguments it got. */
export function JobHeader({ job, status }: { job: JobDetail; status: ReactNode }) {
  const returned = job.results.length;
  const targeted = Math.max(job.minions.length, returned);
  const kwargs = Object.entries(job.kwargs ?? {});
  return (
    <dl className="facts panel" data-testid="job-header">
      <Fact label="Function">
        <code className="strong">{job.function}</code>
      </Fact>
      <Fact label="Target">
        <code>{job.target || '—'}</code>
        {job.target_type ? <span className="muted"> ({job.target_type})</span> : null}
      </Fact>
      <Fact label="User">{job.user ?? '—'}</Fact>
      <Fact label="Started">{formatDateTime(job.started_at ?? job.start_time, { seconds: true })}</Fact>
      <Fact label="Returned">
        <span className="numeric">
          {returned} of {targeted}
        </span>
      </Fact>
      <Fact label="Status">{status}</Fact>
      {job.arguments.length > 0 || kwargs.length > 0 ? (
        <Fact label="Arguments">
          <span className="tag-list">
            {job.arguments.map((arg, index) => (
              <code key={`a${index}`} className="tag">
                {typeof arg === 'string' ? arg : JSON.stringify(arg)}
              </code>
            ))}
            {kwargs.map(([key, value]) => (
              <code key={`k${key}`} className="tag">
                {key}={typeof value === 'string' ? value : JSON.stringify(value)}
              </code>
            ))}
          </span>
        </Fact>
      ) : null}
    </dl>
  );
}
