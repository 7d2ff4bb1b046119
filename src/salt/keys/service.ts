import type { AuditDraft, AuditService } from '../../core/audit/service.js';
import { AppError, ValidationError } from '../../core/errors.js';
import type { Actor } from '../../core/rbac/actor.js';
import { P, type Permission } from '../../core/rbac/permissions.js';
import { can } from '../../core/rbac/rbac.js';
import type { RbacService } from '../../core/rbac/service.js';
import type { SaltClient } from '../client/client.js';
import type { KeyEntry } from '../client/parse/keys.js';
import type { CallOptions } from '../client/types.js';
import type { MinionStateService } from '../minions/refresh.js';
import { GLOB_CHARACTERS, type KeyAction, type KeyList } from './schema.js';

/** A key action is not idempotent enough to resend blindly: one attempt, the user retries. */
const ONCE: CallOptions = { maxRetries: 0 };

const PERMISSIONS: Record<KeyAction, Permission> = { accept: P.keysAccept, reject: P.keysReject, delete: P.keysDelete };

const CALLS: Record<KeyAction, (salt: SaltClient, id: string) => Promise<KeyEntry[]>> = {
  accept: (salt, id) => salt.keyAccept(id, ONCE),
  reject: (salt, id) => salt.keyReject(id, ONCE),
  delete: async (salt, id) => {
    await salt.keyDelete(id, ONCE);
    return [];
  },
};

export type KeysService = ReturnType<typeof keysService>;

/**
 * Minion keys, live from the master (salt-console.md §4 Keys). Each action is checked against
 * the key itself (`accept:key:web-*` may accept `web-01`, not `db-01`), audited allow or deny, and
 * written through to the minion snapshot in the audit's transaction, so the Minions page agrees
 * at once instead of after the next poll.
 */
export function keysService(deps: {
  audit: AuditService;
  rbac: Pick<RbacService, 'require'>;
  salt: () => SaltClient;
  minions: Pick<MinionStateService, 'applyKeyChange' | 'applyKeyList'>;
}) {
  const { audit, rbac, minions } = deps;

  /** Calls Salt outside any transaction; a failure is audited as a denial with its status (502/503). */
  async function callSalt<T>(actor: Actor, draft: AuditDraft, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError) await audit.recordAlone(actor, { ...draft, decision: 'deny', resultCode: error.status });
      throw error;
    }
  }

  async function act(actor: Actor, action: KeyAction, id: string): Promise<void> {
    if (GLOB_CHARACTERS.test(id)) throw ValidationError.field('key_id', 'must be a single minion id, not a pattern', 422);
    const draft: AuditDraft = { action: `key.${action}`, resource: `key:${id}`, resultCode: 204 };
    await rbac.require(actor, PERMISSIONS[action], id, draft.action);
    const moved = await callSalt(actor, draft, () => CALLS[action](deps.salt(), id));
    const status = action === 'delete' ? null : moved.find((entry) => entry.id === id)?.status;
    await audit.audited(actor, { ...draft, after: { keys: moved } }, async (trx) => {
      if (status !== undefined) await minions.applyKeyChange(trx, id, status);
    });
  }

  return {
    /** Every key the actor may view, sorted by id then status; the snapshot picks up any difference. */
    async list(actor: Actor): Promise<KeyList> {
      const entries = await deps.salt().keyListAll();
      await minions.applyKeyList(entries, { touch: false });
      const keys = entries.filter((entry) => can(actor, P.keysView, entry.id));
      return { total: keys.length, keys };
    },
    accept: (actor: Actor, id: string) => act(actor, 'accept', id),
    reject: (actor: Actor, id: string) => act(actor, 'reject', id),
    remove: (actor: Actor, id: string) => act(actor, 'delete', id),
  };
}
