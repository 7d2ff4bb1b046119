import type { ActivityEvent, LiveActivityEvent } from '../api/types';
import { ActivityItem } from './activity-item';

/** Stored events, newest first. */
export function ActivityList({ events }: { events: ActivityEvent[] }) {
  return (
    <ul className="activity-list">
      {events.map((event) => (
        <ActivityItem
          key={event.id}
          item={{ ...event, at: event.ts, initiator: event.initiator }}
        />
      ))}
    </ul>
  );
}

/** Events the stream delivered since the page opened, newest first. */
export function LiveActivityList({ events }: { events: LiveActivityEvent[] }) {
  return (
    <ul className="activity-list activity-list-live">
      {events.map((event) => (
        <ActivityItem key={event.seq} item={{ ...event, at: event.received_at }} live />
      ))}
    </ul>
  );
}
