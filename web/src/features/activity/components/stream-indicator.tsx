import type { StreamStatus } from '../api/get-activity';

const TEXT: Record<StreamStatus, string> = { open: 'Live', connecting: 'Connecting…', closed: 'Not live' };

/** Whether new events arrive by themselves. */
export function StreamIndicator({ status }: { status: StreamStatus }) {
  return (
    <span className={`stream-indicator stream-${status}`} data-testid="activity-stream-status" data-status={status}>
      <span className="stream-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
