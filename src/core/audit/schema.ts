import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from '../http/schemas.js';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/tables.js';

const Json = Type.Unknown();
const Decision = Type.Union([Type.Literal('allow'), Type.Literal('deny')]);

/** An audit row as the Salt console shows it (salt-console.md §3.4), plus who acted. */
export const AuditEntryView = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  user_id: Nullable(Type.String()),
  actor: Type.String(),
  action: Type.String(),
  resource: Type.String(),
  args_json: Json,
  salt_jid: Nullable(Type.String()),
  decision: Type.String(),
  result_code: Type.Integer(),
  duration_ms: Type.Integer(),
});

export const AuditList = Type.Object({ total: Type.Integer(), entries: Type.Array(AuditEntryView) });

export const AuditQuery = Type.Object({
  user_id: Type.Optional(Uuid),
  action: Type.Optional(Type.String({ maxLength: 128 })),
  decision: Type.Optional(Decision),
  since: Type.Optional(IsoDateTime),
  until: Type.Optional(IsoDateTime),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type AuditQuery = Static<typeof AuditQuery>;

/** An audit row on the plant surface (plant.md §1: actor, action, resource, before/after, request, IP). */
export const AuditRecordView = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actor: Type.String(),
  actor_type: Type.String(),
  user_id: Nullable(Type.String()),
  action: Type.String(),
  resource: Type.String(),
  args: Json,
  before: Json,
  after: Json,
  decision: Type.String(),
  result_code: Type.Integer(),
  request_id: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  hash: Type.String(),
});

export const AuditRecordQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  actor: Type.Optional(Type.String({ maxLength: 255 })),
  action: Type.Optional(Type.String({ maxLength: 128 })),
  resource: Type.Optional(Type.String({ maxLength: 512 })),
  decision: Type.Optional(Decision),
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
});
export type AuditRecordQuery = Static<typeof AuditRecordQuery>;

export const AuditVerificationView = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  first_bad_id: Nullable(Type.Integer()),
  head_hash: Type.String(),
});

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export const toAuditEntryView = (row: Selectable<AuditLogTable>) => ({
  id: row.id, at: row.at, user_id: row.user_id, actor: row.actor, action: row.action, resource: row.resource,
  args_json: parse(row.args_json), salt_jid: row.salt_jid, decision: row.decision, result_code: row.result_code, duration_ms: row.duration_ms,
});

export const toAuditRecordView = (row: Selectable<AuditLogTable>) => ({
  id: row.id, at: row.at, actor: row.actor, actor_type: row.actor_type, user_id: row.user_id, action: row.action,
  resource: row.resource, args: parse(row.args_json), before: parse(row.before_json), after: parse(row.after_json),
  decision: row.decision, result_code: row.result_code, request_id: row.request_id, ip: row.ip, hash: row.hash,
});
