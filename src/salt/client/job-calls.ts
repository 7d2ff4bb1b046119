import type { LowstateClients } from './clients.js';
import { unwrapLookupJid } from './parse/highstate-job.js';
import { formatStartTime } from './parse/jid.js';
import { type ActiveJob, type JobDetail, type JobRow, parseActiveJobs, parseJobDetail, parseJobList } from './parse/jobs.js';
import type { CallOptions, KillJobResult } from './types.js';

export interface ListJobsQuery {
  startTime?: Date;
  endTime?: Date;
  /** Glob on the function name. */
  searchFunction?: string;
  /** Glob on the target. */
  searchTarget?: string;
}

/** Jobs: the `jobs` runner, parsed, and killing a running job. `zone` is the master's clock. */
export function jobCalls(salt: Pick<LowstateClients, 'local' | 'runner'>, zone: string) {
  const calls = {
    /** Runner `jobs.list_jobs` → rows, newest first. Times are written in the master's zone. */
    async listJobs(query: ListJobsQuery = {}, call?: CallOptions): Promise<JobRow[]> {
      const kwarg: Record<string, unknown> = {};
      if (query.startTime) kwarg.start_time = formatStartTime(query.startTime, zone);
      if (query.endTime) kwarg.end_time = formatStartTime(query.endTime, zone);
      if (query.searchFunction) kwarg.search_function = query.searchFunction;
      if (query.searchTarget) kwarg.search_target = query.searchTarget;
      return parseJobList(await salt.runner('jobs.list_jobs', kwarg, call), zone);
    },
    /** Runner `jobs.list_job` → the job with its per-minion results; null when Salt does not know it. */
    async listJob(jid: string, call?: CallOptions): Promise<JobDetail | null> {
      const detail = parseJobDetail(await salt.runner('jobs.list_job', { jid }, call), zone);
      return detail && { ...detail, jid: detail.jid || jid };
    },
    /** Runner `jobs.lookup_jid` → `{minion: return}` (the `outputter` wrapper of state runs removed). */
    async lookupJid(jid: string, call?: CallOptions): Promise<Record<string, unknown>> {
      return unwrapLookupJid(await salt.runner('jobs.lookup_jid', { jid }, call));
    },
    /** Runner `jobs.active` (asks every minion, so it takes a few seconds). */
    async activeJobs(call?: CallOptions): Promise<ActiveJob[]> {
      return parseActiveJobs(await salt.runner('jobs.active', undefined, call), zone);
    },
    /**
     * Kills a running job the way a real master allows: the execution function
     * `saltutil.kill_job` sent through `local` to the job's minions (Salt has no such runner).
     * Without `minions`, the targets are the job's minions that have not returned
     * (`jobs.list_job`), or, when the job cache does not know it yet, those `jobs.active` lists.
     */
    async killJob(jid: string, minions?: string[], call?: CallOptions): Promise<KillJobResult> {
      const targeted = minions ?? (await calls.runningMinions(jid, call));
      const result: KillJobResult = { jid, targeted, signalled: [], notRunning: [], noReply: [] };
      if (targeted.length === 0) return result;
      const replies = await salt.local({ tgt: targeted, type: 'list' }, 'saltutil.kill_job', { arg: [jid] }, call);
      for (const minion of targeted) {
        const reply = replies[minion];
        if (typeof reply === 'string' && reply !== '') result.signalled.push(minion);
        else if (reply === '') result.notRunning.push(minion);
        else result.noReply.push(minion);
      }
      return result;
    },
    /** The minions a job may still be running on. */
    async runningMinions(jid: string, call?: CallOptions): Promise<string[]> {
      const detail = await calls.listJob(jid, call);
      if (detail) return detail.missing;
      const active = (await calls.activeJobs(call)).find((job) => job.jid === jid);
      return active ? active.running.map((entry) => entry.minion) : [];
    },
  };
  return calls;
}
