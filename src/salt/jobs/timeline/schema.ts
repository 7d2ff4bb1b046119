import { Type, type Static } from 'typebox';
import { IsoDateTime } from '../../../core/http/schemas.js';
import { NullableInteger, NullableIsoDateTime, NullableString } from '../schema.js';

export const JobActivityQuery = Type.Object({
  hours: Type.Integer({ minimum: 1, maximum: 168, default: 24 }),
});
export type JobActivityQuery = Static<typeof JobActivityQuery>;

export const JobActivity = Type.Object({
  hours: Type.Integer(),
  /** Exactly `hours` buckets, oldest first; the last one is the current hour. */
  buckets: Type.Array(Type.Object({ hour_start: Type.String({ description: 'YYYY-MM-DDTHH:00:00Z' }), count: Type.Integer() })),
  total: Type.Integer(),
  /** Jobs in the active-JID cache (0 while it is cold). */
  running: Type.Integer(),
  last_polled_at: NullableIsoDateTime(),
  active_known: Type.Boolean(),
});
export type JobActivity = Static<typeof JobActivity>;

export const TimelineQuery = Type.Object({
  window: Type.String({ default: '24h', maxLength: 8, description: 'One of 1h, 4h, 24h, 7d' }),
  group_by: Type.String({ default: 'function', maxLength: 16, description: 'function or user' }),
  include_system: Type.Boolean({ default: false }),
  /** Case-insensitive substring of the function. */
  function_filter: Type.Optional(Type.String({ maxLength: 128 })),
  /** Exact Salt user. */
  user: Type.Optional(Type.String({ maxLength: 255 })),
});
export type TimelineQuery = Static<typeof TimelineQuery>;

export type BarStatus = 'running' | 'failed' | 'changed' | 'pass' | 'unknown';
export const BarStatus = Type.Unsafe<BarStatus>({ type: 'string', enum: ['running', 'failed', 'changed', 'pass', 'unknown'] });

export const TimelineBar = Type.Object({
  jid: Type.String(),
  function: Type.String(),
  target: Type.String(),
  user: NullableString(),
  started_at: IsoDateTime,
  completed_at: NullableIsoDateTime(),
  status: BarStatus,
  category: Type.String(),
  minion_count: NullableInteger(),
  failed_minion_count: NullableInteger(),
});
export type TimelineBar = Static<typeof TimelineBar>;

export const TimelineGroup = Type.Object({
  key: Type.String(),
  label: Type.String(),
  category: Type.String(),
  bar_count: Type.Integer(),
  bars: Type.Array(TimelineBar),
});
export type TimelineGroup = Static<typeof TimelineGroup>;

export const Timeline = Type.Object({
  window_start: IsoDateTime,
  window_end: IsoDateTime,
  group_by: Type.String(),
  groups: Type.Array(TimelineGroup),
  total_bars: Type.Integer(),
  last_polled_at: NullableIsoDateTime(),
  active_known: Type.Boolean(),
});
export type Timeline = Static<typeof Timeline>;
