// Payload shapes of `/api/jobs` (salt-console.md §4, src/salt/jobs/schema.ts). Declared here
// until the web app switches to `import type` from the server schema.

export type JobStatus = 'running' | 'complete';

export interface JobSummary {
  jid: string;
  function: string;
  target: string;
  target_type: string | null;
  user: string | null;
  /** Salt's `StartTime` text (`2026, May 27 14:00:00.000003`). */
  start_time: string | null;
  status: JobStatus;
  /** ISO 8601, parsed from the JID. */
  started_at: string | null;
}

export interface JobList {
  total: number;
  jobs: JobSummary[];
  last_polled_at: string | null;
  /** False while the server does not know which jobs run (statuses then all read `complete`). */
  active_known: boolean;
  /** Opaque keyset cursor of the next page; null on the last one and in live mode. */
  next_cursor: string | null;
}

/** The list filters as the URL holds them; empty values are left out of the request. */
export interface JobQuery {
  q?: string;
  status?: JobStatus | '';
  user?: string;
  /** Only jobs started in the last `hours` hours. */
  hours?: number;
  live?: boolean;
  limit?: number;
}

export interface JobActivityBucket {
  /** `YYYY-MM-DDTHH:00:00Z` */
  hour_start: string;
  count: number;
}

export interface JobActivity {
  hours: number;
  buckets: JobActivityBucket[];
  total: number;
  running: number;
  last_polled_at: string | null;
  active_known: boolean;
}

export interface MinionResult {
  minion: string;
  success: boolean | null;
  retcode: number | null;
  return_value: unknown;
  /** The stored return was cut at 256 KiB of JSON; `return_value` is then a preview string. */
  truncated?: boolean;
}

/** One state of a state run (parsed from the lowstate key and its entry). */
export interface StateRow {
  /** The full lowstate key, `<module>_|-<id>_|-<name>_|-<function>`. */
  key?: string;
  id: string;
  name: string;
  function: string;
  /** true passed, false failed, null would change (test mode). */
  result: boolean | null;
  changes: unknown;
  comment: string;
  duration_ms: number | null;
  run_num: number;
  sls: string | null;
  module?: string;
  /** The minion's wall-clock time `HH:MM:SS.ffffff`. */
  start_time?: string | null;
}

/** `states` parsed; a `render_error`; `blocked` (never answered); `other` (not a state result). */
export type MinionStatesKind = 'states' | 'render_error' | 'blocked' | 'other';

export interface MinionStates {
  kind?: MinionStatesKind;
  rows: StateRow[];
  passed: number;
  failed: number;
  changed: number;
  total: number;
  duration_ms: number;
  /** The minion never answered ("Minion did not return", …). */
  blocked: boolean;
  /** Render errors, or the reason a minion is blocked. */
  errors?: string[];
}

export interface StateJobSummary {
  total_minions: number;
  minions_all_success: number;
  minions_with_failures: number;
  minions_non_highstate: number;
  minions_blocked?: number;
  minions_render_error?: number;
  total_state_failures: number;
  total_states_with_changes: number;
}

export interface JobDetail {
  jid: string;
  function: string;
  arguments: unknown[];
  kwargs: Record<string, unknown>;
  target: string;
  target_type: string | null;
  user: string | null;
  start_time: string | null;
  started_at: string | null;
  /** From the server's active-JID cache, like the list's. */
  status: JobStatus;
  minions: string[];
  /** Targeted minions with no return (yet): still running, down, or killed. */
  missing?: string[];
  results: MinionResult[];
  /** Per minion, for state jobs; parsed in the browser when the server leaves it out. */
  states?: Record<string, MinionStates> | null;
  summary?: StateJobSummary | null;
  /** `live`: read from the master now; `stored`: from the returns Fleetdeck kept. */
  source?: 'live' | 'stored';
}

/** `POST /api/jobs/{jid}/kill` (202): where `saltutil.kill_job` went and what the minions said. */
export interface KillResult {
  jid: string;
  minions_targeted: string[];
  minions_signalled: string[];
  minions_not_running: string[];
  minions_no_reply: string[];
}
