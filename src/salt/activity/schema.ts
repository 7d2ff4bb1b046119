import type { Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import type { ActivityEventsTable } from '../../core/db/tables.js';
import { IsoDateTime, Nullable } from '../../core/http/schemas.js';
import { WidgetSettings } from '../settings/schema.js';

export const CATEGORIES = ['job', 'key', 'minion'] as const;
export type Category = (typeof CATEGORIES)[number];

/** One stored event (salt-console.md §4 Activity). */
export const ActivityEventView = Type.Object({
  id: Type.Integer(),
  ts: IsoDateTime,
  category: Type.String(),
  event_type: Type.String(),
  minion_id: Nullable(Type.String()),
  jid: Nullable(Type.String()),
  fun: Nullable(Type.String()),
  success: Nullable(Type.Boolean()),
  changed: Nullable(Type.Boolean()),
  initiator: Nullable(Type.String()),
  target: Nullable(Type.String()),
  duration_ms: Nullable(Type.Integer()),
  summary: Type.String(),
});
export type ActivityEventView = Static<typeof ActivityEventView>;

export const ActivityList = Type.Object({ total: Type.Integer(), events: Type.Array(ActivityEventView) });
export type ActivityList = Static<typeof ActivityList>;

export const ActivityQuery = Type.Object({
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  categories: Type.Optional(Type.String({ maxLength: 200, description: 'Comma-separated; intersected with the categories the user may view' })),
  minion_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  event_type: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  hide_routine: Type.Boolean({ default: false, description: 'Drop successful job returns that changed nothing' }),
  hide_dispatch: Type.Boolean({ default: false, description: 'Drop job.new' }),
  since_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

/** `Last-Event-ID`: a reconnecting browser resumes after the last event it saw. */
export const StreamHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.Integer({ minimum: 0 })) });

/** What one SSE `data:` frame holds; the event's id travels in the frame's `id:` field. */
export const StreamFrame = Type.Pick(ActivityEventView, ['category', 'event_type', 'minion_id', 'jid', 'fun', 'success', 'changed', 'summary']);
export type StreamFrame = Static<typeof StreamFrame>;

/** The Overview widget's settings, readable by every signed-in user. */
export const WidgetConfigOut = WidgetSettings;
export type WidgetConfigOut = WidgetSettings;

export type ActivityRow = Selectable<ActivityEventsTable>;

const flag = (value: number | null): boolean | null => (value === null ? null : value !== 0);

export const toActivityView = (row: ActivityRow): ActivityEventView => ({
  id: row.id,
  ts: row.ts,
  category: row.category,
  event_type: row.event_type,
  minion_id: row.minion_id,
  jid: row.jid,
  fun: row.function,
  success: flag(row.success),
  changed: flag(row.changed),
  initiator: row.initiator,
  target: row.target,
  duration_ms: row.duration_ms,
  summary: row.summary,
});

export const toStreamFrame = (event: ActivityEventView): StreamFrame => ({
  category: event.category,
  event_type: event.event_type,
  minion_id: event.minion_id,
  jid: event.jid,
  fun: event.fun,
  success: event.success,
  changed: event.changed,
  summary: event.summary,
});
