import { Type, type Static } from 'typebox';
import { Nullable } from '../../core/http/schemas.js';

/*
 * Nullable scalars as OpenAPI 3.0 writes them (`nullable: true`) rather than `anyOf`: for `anyOf`
 * fast-json-stringify runs Ajv over every value to pick a branch, which on a 50-row page cost more
 * than the query itself.
 */
const nullable = <T>(type: string, extra: Record<string, unknown> = {}) => Type.Unsafe<T | null>({ type, nullable: true, ...extra });
export const NullableString = (extra: Record<string, unknown> = {}) => nullable<string>('string', extra);
export const NullableIsoDateTime = () => nullable<string>('string', { format: 'date-time' });
export const NullableInteger = () => nullable<number>('integer');
export const NullableNumber = () => nullable<number>('number');
export const NullableBoolean = () => nullable<boolean>('boolean');

/** A Salt job id: 20 digits (the master's wall clock to the microsecond). */
export const Jid = Type.String({ pattern: '^[0-9]{20}$', description: 'A Salt JID: 20 digits' });

export const JobParams = Type.Object({ jid: Jid });
export type JobParams = Static<typeof JobParams>;

export type JobStatus = 'running' | 'complete';
export const JobStatus = Type.Unsafe<JobStatus>({ type: 'string', enum: ['running', 'complete'] });

export const JobSummary = Type.Object({
  jid: Type.String(),
  function: Type.String(),
  target: Type.String(),
  target_type: NullableString(),
  user: NullableString(),
  /** Salt's `StartTime`: `2026, May 27 14:00:00.000003` (`%Y, %b %d %H:%M:%S.%f`). */
  start_time: NullableString(),
  status: JobStatus,
  started_at: NullableIsoDateTime(),
});
export type JobSummary = Static<typeof JobSummary>;

export const JobQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  /** Read the master directly (`jobs.list_jobs`), capped at 500; no paging. */
  live: Type.Boolean({ default: false }),
  /** `next_cursor` of the previous page. */
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Exact function name, or a glob (`state.*`). */
  function: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** Exact target, or a glob (`web*`). */
  target: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  /** Case-insensitive substring of the function or the target (the page's search box). */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  status: Type.Optional(JobStatus),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  /** Shorthand for `since` = now − hours. */
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
});
export type JobQuery = Static<typeof JobQuery>;

export const JobList = Type.Object({
  /** Jobs in this page (as the reference: not a count of every match). */
  total: Type.Integer(),
  jobs: Type.Array(JobSummary),
  last_polled_at: NullableIsoDateTime(),
  /** False until the active-JID cache has been refreshed once; every status then reads `complete`. */
  active_known: Type.Boolean(),
  /** Opaque keyset cursor of the next page; null on the last page and in live mode. */
  next_cursor: NullableString(),
});
export type JobList = Static<typeof JobList>;

export const MinionResultView = Type.Object({
  minion: Type.String(),
  success: NullableBoolean(),
  retcode: NullableInteger(),
  return_value: Type.Unknown(),
  /** The stored return was cut at 256 KiB of JSON; `return_value` is then a preview string. */
  truncated: Type.Boolean(),
});
export type MinionResultView = Static<typeof MinionResultView>;

export const StateRowView = Type.Object({
  key: Type.String(),
  id: Type.String(),
  module: Type.String(),
  name: Type.String(),
  function: Type.String(),
  result: NullableBoolean(),
  changes: Type.Unknown(),
  comment: Type.String(),
  duration_ms: NullableNumber(),
  run_num: Type.Integer(),
  sls: NullableString(),
  start_time: NullableString(),
});

export const MinionStates = Type.Object({
  /** `states` (parsed), `render_error`, `blocked` (never answered) or `other` (not a state result). */
  kind: Type.Union([Type.Literal('states'), Type.Literal('render_error'), Type.Literal('blocked'), Type.Literal('other')]),
  rows: Type.Array(StateRowView),
  passed: Type.Integer(),
  failed: Type.Integer(),
  changed: Type.Integer(),
  total: Type.Integer(),
  duration_ms: Type.Number(),
  blocked: Type.Boolean(),
  /** Render errors, or the reason a minion is blocked. */
  errors: Type.Array(Type.String()),
});
export type MinionStates = Static<typeof MinionStates>;

export const StateJobSummary = Type.Object({
  total_minions: Type.Integer(),
  minions_all_success: Type.Integer(),
  minions_with_failures: Type.Integer(),
  minions_non_highstate: Type.Integer(),
  minions_blocked: Type.Integer(),
  minions_render_error: Type.Integer(),
  total_state_failures: Type.Integer(),
  total_states_with_changes: Type.Integer(),
});

export const JobDetail = Type.Object({
  jid: Type.String(),
  function: Type.String(),
  arguments: Type.Array(Type.Unknown()),
  kwargs: Type.Record(Type.String(), Type.Unknown()),
  target: Type.String(),
  target_type: NullableString(),
  user: NullableString(),
  start_time: NullableString(),
  started_at: NullableIsoDateTime(),
  status: JobStatus,
  minions: Type.Array(Type.String()),
  /** Targeted minions with no return (yet). */
  missing: Type.Array(Type.String()),
  results: Type.Array(MinionResultView),
  /** For state jobs (`state.*`): each minion's parsed state run. */
  states: Nullable(Type.Record(Type.String(), MinionStates)),
  summary: Nullable(StateJobSummary),
  /** `live`: read from the master now; `stored`: from the returns Fleetdeck kept. */
  source: Type.Union([Type.Literal('live'), Type.Literal('stored')]),
});
export type JobDetail = Static<typeof JobDetail>;

export const KillResult = Type.Object({
  jid: Type.String(),
  /** The minions `saltutil.kill_job` was sent to (those still running the job). */
  minions_targeted: Type.Array(Type.String()),
  minions_signalled: Type.Array(Type.String()),
  minions_not_running: Type.Array(Type.String()),
  minions_no_reply: Type.Array(Type.String()),
});
export type KillResult = Static<typeof KillResult>;

/** Retention of the jobs index and stored returns, kept in the settings store (section `jobs`). */
export const JobsSettings = Type.Object({
  retention_days: Type.Integer({ minimum: 1, maximum: 3650 }),
  retention_max_jobs: Type.Integer({ minimum: 100, maximum: 100_000_000 }),
});
export type JobsSettings = Static<typeof JobsSettings>;
export const JobsSettingsIn = Type.Partial(JobsSettings, { additionalProperties: false, minProperties: 1 });
export type JobsSettingsIn = Static<typeof JobsSettingsIn>;

export const DEFAULT_JOBS_SETTINGS: JobsSettings = { retention_days: 30, retention_max_jobs: 250_000 };
