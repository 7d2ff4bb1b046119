import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/tables.js';
import type { SaltClient } from '../client/client.js';
import type { SaltEvent } from '../client/parse/events.js';
import { pickPrimaryIp } from '../client/parse/ip.js';
import type { KeyEntry, KeyStatus } from '../client/parse/keys.js';
import { isRecord, type JsonObject } from '../client/parse/values.js';
import * as repo from './repo.js';

/** `cache.grains` answers grow fast with the fleet: larger payloads get dropped by salt-api. */
export const GRAINS_BATCH = 20;
const MAX_ID = 255;

const text = (value: unknown, max: number): string | null => {
  const s = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  return s === null || s === '' ? null : s.slice(0, max);
};
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null);

/** The snapshot's columns from a grains object (salt-console.md §6 `minion_snapshots`). */
export function grainFields(grains: JsonObject): repo.GrainFields {
  return {
    primary_ip: text(pickPrimaryIp(grains), 64),
    os: text(grains.os, 64),
    os_family: text(grains.os_family, 32),
    osrelease: text(grains.osrelease, 64),
    kernel: text(grains.kernel, 32),
    kernelrelease: text(grains.kernelrelease, 64),
    virtual_type: text(grains.virtual, 32),
    num_cpus: int(grains.num_cpus),
    mem_total_mb: int(grains.mem_total),
    saltversion: text(grains.saltversion, 32),
    grains_json: JSON.stringify(grains),
  };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What a keys refresh changed; `accepted` = minions that became accepted (they need grains). */
export interface KeySync {
  added: number;
  changed: number;
  removed: number;
  accepted: string[];
}

export type MinionStateService = ReturnType<typeof minionStateService>;

/**
 * Keeps `minion_snapshots` current: the three pollers' ticks (keys, presence, grains), the
 * event-driven updates (a key change or a minion start shows at once), and the write a key
 * action makes in its own transaction. Every method is safe to repeat.
 */
export function minionStateService(deps: { db: Kysely<DB>; client: () => SaltClient; clock?: () => Date }) {
  const { db } = deps;
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();

  /**
   * Makes the snapshot's key states exactly `entries`: new keys added, changes applied, gone keys
   * removed. `touch: false` (the live keys list) writes nothing when nothing differs.
   */
  async function applyKeyList(entries: KeyEntry[], options: { touch: boolean } = { touch: true }): Promise<KeySync> {
    const at = now();
    const wanted = new Map(entries.filter((e) => e.id.length <= MAX_ID).map((e) => [e.id, e.status]));
    return db.transaction().execute(async (trx) => {
      const current = new Map((await repo.keyStates(trx)).map((row) => [row.minion_id, row.key_status]));
      const added = [...wanted].filter(([id]) => !current.has(id)).map(([minion_id, key_status]) => ({ minion_id, key_status }));
      const changed = [...wanted].filter(([id, status]) => current.has(id) && current.get(id) !== status);
      const removed = [...current.keys()].filter((id) => !wanted.has(id));
      await repo.insertKeys(trx, added, at);
      for (const [id, status] of changed) await repo.setKeyStatus(trx, id, status, at);
      await repo.deleteSnapshots(trx, removed);
      if (options.touch) await repo.touchKeys(trx, at);
      const accepted = [...added.map((row) => [row.minion_id, row.key_status]), ...changed]
        .filter(([, status]) => status === 'accepted')
        .map(([id]) => id as string);
      return { added: added.length, changed: changed.length, removed: removed.length, accepted };
    });
  }

  /** Marks exactly `present` (of the accepted minions) online. */
  async function applyPresence(present: string[]): Promise<{ online: number; offline: number }> {
    const at = now();
    const live = new Set(present);
    return db.transaction().execute(async (trx) => {
      const accepted = await repo.acceptedIds(trx);
      const on = accepted.filter((row) => live.has(row.minion_id)).map((row) => row.minion_id);
      const off = accepted.filter((row) => !live.has(row.minion_id) && row.online).map((row) => row.minion_id);
      await repo.setOnline(trx, on, true, at);
      await repo.setOnline(trx, off, false, at);
      await repo.touchPresence(trx, at);
      return { online: on.length, offline: off.length };
    });
  }

  /** Saves one batch's grains in one transaction; answers the ids that had any. */
  async function saveAll(grainsById: Record<string, unknown>): Promise<string[]> {
    const at = now();
    const found = Object.entries(grainsById).filter((entry): entry is [string, JsonObject] => isRecord(entry[1]) && Object.keys(entry[1]).length > 0);
    if (found.length === 0) return [];
    await db.transaction().execute(async (trx) => {
      for (const [id, grains] of found) await repo.saveGrains(trx, id, grainFields(grains), at);
    });
    return found.map(([id]) => id);
  }

  /**
   * Grains of `ids` in batches of 20: the master's cache first (`cache.grains`, no minion is
   * asked), then `grains.items` for the online minions the cache had nothing for.
   */
  async function refreshGrainsOf(ids: string[], signal?: AbortSignal): Promise<number> {
    const online = new Set((await repo.acceptedIds(db)).filter((row) => row.online).map((row) => row.minion_id));
    let saved = 0;
    for (const batch of batches(ids.filter((id) => !id.includes(',')), GRAINS_BATCH)) {
      if (signal?.aborted) break;
      const cached = await deps.client().runner('cache.grains', { tgt: batch.join(','), tgt_type: 'list' }, { signal });
      const got = new Set(await saveAll(isRecord(cached) ? cached : {}));
      const missing = batch.filter((id) => !got.has(id) && online.has(id));
      if (missing.length > 0) {
        saved += (await saveAll(await deps.client().grainsItems({ tgt: missing, type: 'list' }, { signal }))).length;
      }
      saved += got.size;
    }
    return saved;
  }

  return {
    applyKeyList,
    applyPresence,
    refreshGrainsOf,

    /** Keys poller tick: wheel `key.list_all`; newly accepted minions get their grains at once. */
    async refreshKeys(signal?: AbortSignal) {
      const result = await applyKeyList(await deps.client().keyListAll({ signal }));
      if (result.accepted.length > 0) await refreshGrainsOf(result.accepted, signal);
      return result;
    },

    /** Presence poller tick: runner `manage.present`. */
    async refreshPresence(signal?: AbortSignal) {
      return applyPresence(await deps.client().managePresent({ signal }));
    },

    /** Grains poller tick: every accepted minion, 20 at a time (fix of the reference's id-less call). */
    async refreshGrains(signal?: AbortSignal): Promise<number> {
      return refreshGrainsOf((await repo.acceptedIds(db)).map((row) => row.minion_id), signal);
    },

    /** A key action's effect, in the action's transaction: the new state, or the row gone. */
    async applyKeyChange(trx: Kysely<DB>, minionId: string, status: KeyStatus | null): Promise<void> {
      if (status === null) await repo.deleteSnapshots(trx, [minionId]);
      else await repo.upsertKey(trx, minionId, status, now());
    },

    /** Applies a bus event to the snapshot; events that say nothing about minions are ignored. */
    async onEvent(event: SaltEvent): Promise<void> {
      const at = now();
      if (event.minion_id !== null && event.minion_id.length > MAX_ID) return;
      switch (event.event_type) {
        case 'key.accept':
        case 'key.reject':
        case 'key.pend': {
          const status = ({ 'key.accept': 'accepted', 'key.reject': 'rejected', 'key.pend': 'pending' } as const)[event.event_type];
          await repo.upsertKey(db, event.minion_id, status, at);
          return;
        }
        case 'key.delete':
          await repo.deleteSnapshots(db, [event.minion_id]);
          return;
        case 'minion.start':
          await db.transaction().execute(async (trx) => {
            await repo.upsertKey(trx, event.minion_id, 'accepted', at);
            await repo.setOnline(trx, [event.minion_id], true, at);
          });
          return;
        case 'presence.change':
          await repo.setOnline(db, event.connected, true, at);
          await repo.setOnline(db, event.lost, false, at);
          return;
        case 'presence.present':
          await applyPresence(event.present);
          return;
        default:
          return;
      }
    },
  };
}
