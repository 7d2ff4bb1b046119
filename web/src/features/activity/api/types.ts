// Payload shapes of `/api/activity` (salt-console.md §4, src/salt/activity/schema.ts). Declared
// here until the web app switches to `import type` from the server schema.

export type ActivityCategory = 'job' | 'key' | 'minion';
export const ACTIVITY_CATEGORIES: ActivityCategory[] = ['job', 'key', 'minion'];

export interface ActivityEvent {
  id: number;
  ts: string;
  category: ActivityCategory | string;
  event_type: string;
  minion_id: string | null;
  jid: string | null;
  fun: string | null;
  success: boolean | null;
  changed: boolean | null;
  initiator: string | null;
  target: string | null;
  duration_ms: number | null;
  summary: string;
}

export interface ActivityList {
  total: number;
  events: ActivityEvent[];
}

export interface ActivityQuery {
  category?: string;
  /** CSV of categories, intersected on the server with those the user may view. */
  categories?: string;
  minion_id?: string;
  event_type?: string;
  search?: string;
  hide_routine?: boolean;
  hide_dispatch?: boolean;
  since_minutes?: number;
  limit: number;
  offset?: number;
}

/** One frame of `/api/activity/stream` (no id or timestamp: the browser stamps it on arrival). */
export interface ActivityStreamFrame {
  category: string;
  event_type: string;
  minion_id: string | null;
  jid: string | null;
  fun: string | null;
  success: boolean | null;
  changed: boolean | null;
  summary: string;
}

export interface LiveActivityEvent extends ActivityStreamFrame {
  /** Local sequence number, the React key. */
  seq: number;
  received_at: string;
}

export interface WidgetConfig {
  widget_hide_dispatch: boolean;
  widget_hide_routine: boolean;
  widget_show_jobs: boolean;
  widget_show_keys: boolean;
  widget_show_minions: boolean;
  widget_event_count: number;
  widget_heartbeat_minutes: number;
}
