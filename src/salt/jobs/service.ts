import type { Kysely } from 'kysely';
import type { AuditService } from '../../core/audit/service.js';
import type { DB } from '../../core/db/tables.js';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../../core/rbac/actor.js';
import { P } from '../../core/rbac/permissions.js';
import type { RbacService } from '../../core/rbac/service.js';
import type { SettingsService } from '../../core/settings/service.js';
import type { SaltClient } from '../client/client.js';
import { jobDetail } from './detail.js';
import { jobsIngest } from './ingest/service.js';
import { listFromIndex, listLive } from './list.js';
import { DEFAULT_JOBS_SETTINGS, type JobDetail, type JobList, type JobQuery, type JobsSettings, type JobsSettingsIn, type KillResult } from './schema.js';
import { jobsState } from './state.js';
import { jobsTimelineService } from './timeline/service.js';

export type JobsService = ReturnType<typeof jobsService>;
export type { Dispatch } from './ingest/rows.js';

/**
 * Salt jobs (salt-console.md §4 Jobs): the list, activity and timeline read the index; detail
 * and kill talk to the master. `ingest` and `state` are what the workers and Run write through.
 */
export function jobsService(deps: {
  db: Kysely<DB>;
  rbac: RbacService;
  audit: AuditService;
  settings: SettingsService;
  salt: { client(): SaltClient };
  clock?: () => Date;
}) {
  const { db, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  const state = jobsState();
  const readSettings = async (): Promise<JobsSettings> => (await deps.settings.read('jobs', DEFAULT_JOBS_SETTINGS)).value;
  const ingest = jobsIngest({ db, settings: readSettings, clock });
  const timeline = jobsTimelineService({ db, state, clock });

  return {
    state,
    ingest,
    activity: timeline.activity,
    timeline: timeline.timeline,

    /** The newest jobs (keyset-paged, filtered) from the index, or live from the master. */
    async list(query: JobQuery): Promise<JobList> {
      if (query.live) return listLive(deps.salt.client(), query, clock());
      return listFromIndex(db, state, query, clock());
    },

    detail: (jid: string): Promise<JobDetail> => jobDetail({ db, state, ingest, client: () => deps.salt.client() }, jid),

    /**
     * Stops a job: `saltutil.kill_job` on the minions still running it (never retried: a retry
     * would start a second kill job). Audited `job.kill` either way; refusals by Salt too.
     */
    async kill(actor: Actor, jid: string): Promise<KillResult> {
      await deps.rbac.require(actor, P.jobsKill, jid, 'job.kill');
      const draft = { action: 'job.kill', resource: `job:${jid}`, saltJid: jid, args: { jid } };
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let outcome;
      try {
        outcome = await deps.salt.client().killJob(jid, undefined, { maxRetries: 0, timeoutMs: 30_000 });
      } catch (error) {
        if (error instanceof AppError) await audit.recordAlone(actor, { ...draft, decision: 'deny', resultCode: error.status, durationMs: elapsed() });
        throw error;
      }
      // Every minion answered: the job is not running anywhere any more.
      if (outcome.noReply.length === 0) state.dropActive(jid);
      const result: KillResult = {
        jid, minions_targeted: outcome.targeted, minions_signalled: outcome.signalled,
        minions_not_running: outcome.notRunning, minions_no_reply: outcome.noReply,
      };
      await audit.recordAlone(actor, { ...draft, decision: 'allow', resultCode: 202, after: result, durationMs: elapsed() });
      return result;
    },

    settings: readSettings,

    /** Changes retention (audited `settings.jobs.update`); the next prune applies it. */
    async updateSettings(actor: Actor, input: JobsSettingsIn): Promise<JobsSettings> {
      const current = await readSettings();
      const next = { ...current, ...input };
      await deps.settings.write(actor, 'jobs', next, input, current);
      return next;
    },
  };
}
