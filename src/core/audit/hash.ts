import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'>;

/** The hash of one audit row: its content chained to the previous row's hash. */
export function auditHash(prevHash: string, row: ChainedFields): string {
  const content = JSON.stringify([
    row.at, row.user_id, row.actor, row.actor_type, row.action, row.resource, row.args_json,
    row.before_json, row.after_json, row.salt_jid, row.decision, row.result_code,
    row.duration_ms, row.request_id, row.ip,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
