import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/tables.js';
import { NotFoundError } from '../../core/errors.js';
import type { Actor } from '../../core/rbac/actor.js';
import { P } from '../../core/rbac/permissions.js';
import { can } from '../../core/rbac/rbac.js';
import type { RbacService } from '../../core/rbac/service.js';
import * as repo from './repo.js';
import {
  freshness, minionStatus, toComplianceBucket, toMinionRun, toMinionSummary,
  type MinionCompliance, type MinionDetail, type MinionList, type MinionListQuery, type MinionRuns, type SnapshotRow,
} from './schema.js';

const stampsOf = (row: SnapshotRow) => [row.keys_refreshed_at, row.presence_refreshed_at, row.grains_refreshed_at];

function parseGrains(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export type MinionsService = ReturnType<typeof minionsService>;

/**
 * The minion views, served from the snapshot the pollers and the event stream keep
 * (salt-console.md §4 Minions). A role scoped to `view:minion:web-*` sees only those minions.
 */
export function minionsService(deps: { db: Kysely<DB>; rbac: Pick<RbacService, 'require'>; clock?: () => Date }) {
  const { db, rbac } = deps;
  const clock = deps.clock ?? (() => new Date());

  return {
    /** Every visible minion ordered by id, with the snapshot's freshness over the rows shown. */
    async list(actor: Actor, query: MinionListQuery): Promise<MinionList> {
      const rows = await repo.listSnapshots(db, { q: query.q, status: query.status, osFamily: query.os_family });
      const visible = rows.filter((row) => can(actor, P.minionsView, row.minion_id));
      return {
        total: visible.length,
        minions: visible.map(toMinionSummary),
        ...freshness(visible.flatMap(stampsOf), clock()),
      };
    },

    async get(actor: Actor, minionId: string): Promise<MinionDetail> {
      await rbac.require(actor, P.minionsView, minionId);
      const row = await repo.findSnapshot(db, minionId);
      if (!row) throw new NotFoundError('Minion not found');
      return {
        id: row.minion_id,
        status: minionStatus(row.key_status, row.online),
        ip: row.primary_ip,
        grains: parseGrains(row.grains_json),
        ...freshness(stampsOf(row), clock()),
      };
    },

    /** The minion's state runs, newest first; an unknown minion has none. */
    async runs(actor: Actor, minionId: string, limit: number): Promise<MinionRuns> {
      await rbac.require(actor, P.minionsView, minionId);
      const [total, rows] = await Promise.all([repo.countRuns(db, minionId), repo.latestRuns(db, minionId, limit)]);
      return { minion_id: minionId, total, runs: rows.map(toMinionRun) };
    },

    /** The last `limit` runs' counts, oldest first (the compliance sparkline). */
    async compliance(actor: Actor, minionId: string, limit: number): Promise<MinionCompliance> {
      await rbac.require(actor, P.minionsView, minionId);
      const rows = await repo.latestRuns(db, minionId, limit);
      return { minion_id: minionId, buckets: rows.reverse().map(toComplianceBucket) };
    },
  };
}
