import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import { AppError } from '../errors.js';
import type { Actor } from '../rbac/actor.js';
import { pagination } from '../http/schemas.js';
import { auditHash, GENESIS_HASH } from './hash.js';
import { toAuditEntryView, toAuditRecordView, type AuditQuery, type AuditRecordQuery } from './schema.js';
import { redact } from './redact.js';
import * as repo from './repo.js';

export interface AuditEntry {
  action: string;
  resource: string;
  decision: 'allow' | 'deny';
  resultCode: number;
  args?: unknown;
  before?: unknown;
  after?: unknown;
  saltJid?: string | null;
  durationMs?: number;
}

/** What a write will record; the work may fill in `before`, `after` or a better `resource`. */
export type AuditDraft = Omit<AuditEntry, 'decision'>;

export interface AuditVerification {
  ok: boolean;
  checked: number;
  first_bad_id: number | null;
  head_hash: string;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(redact(value)));

export type AuditService = ReturnType<typeof auditService>;

/** The one audit trail, hash-chained so that an edited or deleted row is detected. */
export function auditService(deps: { db: Kysely<DB>; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());

  /** Appends a row inside the caller's transaction, so it commits with the change it records. */
  async function record(trx: Kysely<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
    const head = await repo.lockChainHead(trx);
    const row = {
      at: clock().toISOString(),
      user_id: actor.userId,
      actor: actor.name,
      actor_type: actor.kind,
      action: entry.action,
      resource: entry.resource,
      args_json: json(entry.args),
      before_json: json(entry.before),
      after_json: json(entry.after),
      salt_jid: entry.saltJid ?? null,
      decision: entry.decision,
      result_code: entry.resultCode,
      duration_ms: entry.durationMs ?? 0,
      request_id: actor.requestId ?? null,
      ip: actor.ip ?? null,
    };
    const hash = auditHash(head.hash, row);
    await repo.appendRow(trx, { ...row, prev_hash: head.hash, hash });
  }

  /** Records in a transaction of its own: denials and failures that change nothing else. */
  async function recordAlone(actor: Actor, entry: AuditEntry): Promise<void> {
    await deps.db.transaction().execute((trx) => record(trx, actor, entry));
  }

  /**
   * Runs a write in a transaction and audits it: `allow` in the same transaction when it
   * succeeds, `deny` with the refusal's status when it throws an AppError (then rethrown).
   */
  async function audited<T>(actor: Actor, draft: AuditDraft, work: (trx: Kysely<DB>, draft: AuditDraft) => Promise<T>): Promise<T> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const result = await work(trx, draft);
        await record(trx, actor, { ...draft, decision: 'allow', durationMs: elapsed() });
        return result;
      });
    } catch (error) {
      if (error instanceof AppError) {
        await recordAlone(actor, { ...draft, decision: 'deny', resultCode: error.status, durationMs: elapsed() });
      }
      throw error;
    }
  }

  /** Walks the whole chain and reports the first row whose hash no longer matches. */
  async function verify(): Promise<AuditVerification> {
    let prev = GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const rows = await repo.rowsAfter(deps.db, lastId, 1000);
      for (const row of rows) {
        const { id, prev_hash, hash, ...fields } = row;
        if (prev_hash !== prev || auditHash(prev, fields) !== hash) {
          return { ok: false, checked, first_bad_id: id, head_hash: prev };
        }
        prev = hash;
        lastId = id;
        checked++;
      }
      if (rows.length < 1000) break;
    }
    const head = await repo.chainHead(deps.db);
    const ok = head.hash === prev && head.seq === checked;
    return { ok, checked, first_bad_id: ok ? null : lastId + 1, head_hash: prev };
  }

  return {
    record,
    recordAlone,
    audited,
    verify,

    /** The Salt console's view: `{total, entries}` by limit and offset. */
    async entries(query: AuditQuery) {
      const { limit, offset, user_id, ...rest } = query;
      const filter = { ...rest, userId: user_id };
      const [total, rows] = await Promise.all([repo.countRows(deps.db, filter), repo.listRows(deps.db, filter, limit, offset)]);
      return { total, entries: rows.map(toAuditEntryView) };
    },

    /** The plant console's view: the page envelope. */
    async records(query: AuditRecordQuery) {
      const { page, page_size, from, to, ...rest } = query;
      const filter = { ...rest, since: from, until: to };
      const { limit, offset } = pagination.window({ page, page_size });
      const [total, rows] = await Promise.all([repo.countRows(deps.db, filter), repo.listRows(deps.db, filter, limit, offset)]);
      return pagination.envelope(rows.map(toAuditRecordView), total, { page, page_size });
    },
  };
}
