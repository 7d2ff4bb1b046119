import { Link } from 'react-router-dom';
import { Badge, type BadgeTone } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';

const CATEGORY_TONES: Record<string, BadgeTone> = { job: 'accent', key: 'warning', minion: 'success' };

export interface ActivityItemData {
  category: string;
  event_type: string;
  minion_id: string | null;
  jid: string | null;
  success: boolean | null;
  summary: string;
  at: string;
  initiator?: string | null;
}

/** One line of the feed: time, category, summary, links to the job or minion it is about. */
export function ActivityItem({ item, live = false }: { item: ActivityItemData; live?: boolean }) {
  const tone = item.success === false ? ' is-failed' : '';
  return (
    <li className={`activity-item${tone}`} data-testid={live ? 'activity-live-row' : 'activity-row'} data-category={item.category} data-event-type={item.event_type}>
      <span className="activity-time numeric muted">{formatDateTime(item.at, { seconds: true })}</span>
      <Badge tone={CATEGORY_TONES[item.category] ?? 'neutral'}>{item.category}</Badge>
      <span className="activity-summary">
        {item.summary}
        {item.initiator ? <span className="muted"> · by {item.initiator}</span> : null}
      </span>
      <span className="activity-links">
        {item.jid ? (
          <Link to={`/jobs/${encodeURIComponent(item.jid)}`} title="Open the job">
            job
          </Link>
        ) : null}
        {item.minion_id ? (
          <Link to={`/minions/${encodeURIComponent(item.minion_id)}`} title="Open the minion">
            minion
          </Link>
        ) : null}
      </span>
    </li>
  );
}
