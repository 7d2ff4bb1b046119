import type { Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import { fromFlag } from '../../core/db/dialect.js';
import type { HighstateRunsTable, MinionSnapshotsTable } from '../../core/db/tables.js';
import { IsoDateTime, Nullable, Uuid } from '../../core/http/schemas.js';

export const MinionStatus = Type.Union([
  Type.Literal('online'), Type.Literal('offline'), Type.Literal('pending'), Type.Literal('rejected'), Type.Literal('denied'),
]);
export type MinionStatus = Static<typeof MinionStatus>;

export const MinionSummary = Type.Object({
  id: Type.String(),
  ip: Nullable(Type.String()),
  status: MinionStatus,
  os: Nullable(Type.String()),
  os_family: Nullable(Type.String()),
  osrelease: Nullable(Type.String()),
  saltversion: Nullable(Type.String()),
});
export type MinionSummary = Static<typeof MinionSummary>;

/** `MinionListOut` (salt-console.md §4 Minions). */
export const MinionList = Type.Object({
  total: Type.Integer(),
  minions: Type.Array(MinionSummary),
  last_refreshed_at: Nullable(IsoDateTime),
  is_stale: Type.Boolean(),
});
export type MinionList = Static<typeof MinionList>;

export const MinionDetail = Type.Object({
  id: Type.String(),
  status: MinionStatus,
  ip: Nullable(Type.String()),
  grains: Type.Unknown({ description: 'The grains object, or null before the first grains refresh' }),
  last_refreshed_at: Nullable(IsoDateTime),
  is_stale: Type.Boolean(),
});
export type MinionDetail = Static<typeof MinionDetail>;

export const MinionListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Case-insensitive search in id, OS and IP' })),
  status: Type.Optional(MinionStatus),
  os_family: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
});
export type MinionListQuery = Static<typeof MinionListQuery>;

export const MinionParams = Type.Object({ minion_id: Type.String({ minLength: 1, maxLength: 255 }) });
export type MinionParams = Static<typeof MinionParams>;

export const RunStatus = Type.Union([Type.Literal('healthy'), Type.Literal('changed'), Type.Literal('unhealthy'), Type.Literal('blocked')]);
export type RunStatus = Static<typeof RunStatus>;

const RunCounts = {
  jid: Type.String(),
  completed_at: IsoDateTime,
  pass_count: Type.Integer(),
  fail_count: Type.Integer(),
  change_count: Type.Integer(),
  total_count: Type.Integer(),
  status: RunStatus,
};

export const MinionRun = Type.Object({
  id: Uuid,
  fun: Type.String(),
  duration_ms: Type.Integer(),
  blocked: Type.Boolean(),
  ...RunCounts,
});
export type MinionRun = Static<typeof MinionRun>;

export const MinionRuns = Type.Object({ minion_id: Type.String(), total: Type.Integer(), runs: Type.Array(MinionRun) });
export type MinionRuns = Static<typeof MinionRuns>;

export const ComplianceBucket = Type.Object(RunCounts);
export const MinionCompliance = Type.Object({ minion_id: Type.String(), buckets: Type.Array(ComplianceBucket) });
export type MinionCompliance = Static<typeof MinionCompliance>;

export const RunsQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) });
export const ComplianceQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 30 }) });

export type SnapshotRow = Selectable<MinionSnapshotsTable>;
export type RunRow = Selectable<HighstateRunsTable>;

/** Key state and presence → the one status the console shows (salt-console.md §4 Minions). */
export function minionStatus(keyStatus: string, online: number | boolean): MinionStatus {
  if (keyStatus === 'accepted') return fromFlag(online) ? 'online' : 'offline';
  if (keyStatus === 'pending' || keyStatus === 'rejected' || keyStatus === 'denied') return keyStatus;
  return 'offline';
}

const STALE_AFTER_MS = 10 * 60_000;

/** The oldest of the refresh stamps, and whether it is older than ten minutes. */
export function freshness(stamps: (string | null)[], now: Date): { last_refreshed_at: string | null; is_stale: boolean } {
  const known = stamps.filter((s): s is string => s !== null).sort();
  const oldest = known[0] ?? null;
  return { last_refreshed_at: oldest, is_stale: oldest === null || now.getTime() - Date.parse(oldest) > STALE_AFTER_MS };
}

export const toMinionSummary = (row: SnapshotRow): MinionSummary => ({
  id: row.minion_id,
  ip: row.primary_ip,
  status: minionStatus(row.key_status, row.online),
  os: row.os,
  os_family: row.os_family,
  osrelease: row.osrelease,
  saltversion: row.saltversion,
});

export function runStatus(row: Pick<RunRow, 'blocked' | 'fail_count' | 'change_count'>): RunStatus {
  if (fromFlag(row.blocked)) return 'blocked';
  if (row.fail_count > 0) return 'unhealthy';
  if (row.change_count > 0) return 'changed';
  return 'healthy';
}

const counts = (row: RunRow) => ({
  jid: row.jid,
  completed_at: row.completed_at,
  pass_count: row.pass_count,
  fail_count: row.fail_count,
  change_count: row.change_count,
  total_count: row.total_count,
  status: runStatus(row),
});

export const toMinionRun = (row: RunRow): MinionRun => ({
  id: row.id, fun: row.function, duration_ms: row.duration_ms, blocked: fromFlag(row.blocked), ...counts(row),
});

export const toComplianceBucket = (row: RunRow) => counts(row);
