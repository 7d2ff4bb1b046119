import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/service.js';
import type { DB } from '../db/tables.js';
import type { Actor } from '../rbac/actor.js';
import * as repo from './repo.js';

export interface StoredSettings<T> {
  value: T;
  updatedAt: string | null;
}

export type SettingsService = ReturnType<typeof settingsService>;

/**
 * Runtime settings edited in the app (as opposed to infrastructure configuration from the
 * environment): one JSON document per section, defaults filled in on read, every change audited.
 */
export function settingsService(deps: { db: Kysely<DB>; audit: AuditService; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  return {
    async read<T extends object>(section: string, defaults: T): Promise<StoredSettings<T>> {
      const row = await repo.read(deps.db, section);
      if (!row) return { value: defaults, updatedAt: null };
      return { value: { ...defaults, ...(JSON.parse(row.value_json) as Partial<T>) }, updatedAt: row.updated_at };
    },

    /** Writes a section; `change` is what the audit row records (secret-named keys are redacted there). */
    async write<T extends object>(actor: Actor, section: string, value: T, change: unknown, before?: unknown): Promise<string> {
      const at = clock().toISOString();
      await deps.audit.audited(actor, { action: `settings.${section}.update`, resource: `settings:${section}`, args: change, before, resultCode: 200 }, (trx) =>
        repo.write(trx, section, JSON.stringify(value), at),
      );
      return at;
    },
  };
}
