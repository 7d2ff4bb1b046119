import type { AuditService } from '../../core/audit/service.js';
import { AppError, UpstreamError } from '../../core/errors.js';
import type { Actor } from '../../core/rbac/actor.js';
import { P } from '../../core/rbac/permissions.js';
import type { RbacService } from '../../core/rbac/service.js';
import type { SaltClient } from '../client/client.js';
import { jidToDate } from '../client/parse/jid.js';
import type { JobDetail as SaltJobDetail } from '../client/parse/jobs.js';
import type { CallOptions, LocalParams, SaltTarget } from '../client/types.js';
import type { Dispatch, JobsService } from '../jobs/service.js';
import { syncResults, type SyncResult } from './returns.js';
import type { RunCommandIn, RunDispatched, RunResult } from './schema.js';
import { validateRun } from './validate.js';

/** What a run answers: dispatched (202) or finished with returns (200). */
export type RunOutcome = { kind: 'dispatched'; body: RunDispatched } | { kind: 'finished'; body: RunResult };

/** Work was started on the master: a retry could run the job twice. */
const STARTS_WORK: CallOptions = { maxRetries: 0 };

function saltTarget(input: RunCommandIn): SaltTarget {
  if (input.target_type === 'list') return { tgt: input.target.split(','), type: 'list' };
  return { tgt: input.target, type: input.target_type };
}

function localParams(input: RunCommandIn, wait: boolean): LocalParams {
  const params: LocalParams = { arg: input.args };
  if (Object.keys(input.kwargs).length > 0) params.kwarg = input.kwargs;
  if (wait) params.full_return = true;
  if (wait && input.timeout !== undefined) params.timeout = input.timeout;
  return params;
}

export type RunService = ReturnType<typeof runService>;

/**
 * `POST /api/run` (salt-console.md §4 Run): any `module.function` on any target, dispatched
 * (`local_async`), waited for (`local`) or batched (`local_batch`). The permission is checked
 * against the real function (`execute:salt:<fun>`); every outcome is audited `salt.run`, and the
 * job goes into the jobs index at once, in the audit's transaction.
 */
export function runService(deps: { rbac: RbacService; audit: AuditService; salt: { client(): SaltClient }; jobs: Pick<JobsService, 'ingest'> }) {
  const { audit, jobs } = deps;

  async function callSalt(input: RunCommandIn): Promise<{ dispatched: RunDispatched } | { returns: Record<string, unknown> }> {
    const client = deps.salt.client();
    if (input.batch) return { returns: await client.localBatch(saltTarget(input), input.fun, input.batch, localParams(input, true), STARTS_WORK) };
    if (!input.async) return { returns: await client.local(saltTarget(input), input.fun, localParams(input, true), STARTS_WORK) };
    const job = await client.localAsync(saltTarget(input), input.fun, localParams(input, false), STARTS_WORK);
    if (!job?.jid) throw new UpstreamError('Salt-API returned no jid');
    return { dispatched: { jid: job.jid, minions: job.minions } };
  }

  function dispatchOf(input: RunCommandIn, jid: string, minions: string[]): Dispatch {
    return { jid, fun: input.fun, target: input.target, targetType: input.target_type, args: input.args, kwargs: input.kwargs, minions };
  }

  /**
   * A waited-for run's returns as `jobs.list_job` would describe its jobs (a batch has one per
   * batch). Minions that did not answer carry no JID: they belong to the job only when there is one.
   */
  function jobsOf(input: RunCommandIn, results: SyncResult[]): SaltJobDetail[] {
    const byJid = new Map<string, SaltJobDetail>();
    const silent: string[] = [];
    for (const result of results) {
      if (!result.jid) {
        if (result.return === false) silent.push(result.minion);
        continue;
      }
      let job = byJid.get(result.jid);
      if (!job) {
        job = {
          jid: result.jid, function: input.fun, target: input.target, target_type: input.target_type, user: null, started_at: jidToDate(result.jid),
          arguments: input.args, kwargs: input.kwargs, minions: [], missing: [], results: [],
        };
        byJid.set(result.jid, job);
      }
      job.minions.push(result.minion);
      job.results.push(result);
    }
    const only = byJid.size === 1 ? [...byJid.values()][0] : undefined;
    if (only) {
      only.minions.push(...silent);
      only.missing.push(...silent);
    }
    return [...byJid.values()];
  }

  function resultBody(results: SyncResult[]): RunResult {
    const jids = [...new Set(results.map((r) => r.jid).filter((jid): jid is string => jid !== null))].sort();
    return {
      jid: jids[0] ?? null, jids, minions: results.map((r) => r.minion),
      returns: Object.fromEntries(results.map((r) => [r.minion, r.return])),
      retcodes: Object.fromEntries(results.map((r) => [r.minion, r.retcode])),
    };
  }

  return {
    async run(actor: Actor, input: RunCommandIn): Promise<RunOutcome> {
      validateRun(input);
      await deps.rbac.require(actor, P.saltExecute, input.fun, 'salt.run');
      const draft = { action: 'salt.run', resource: `salt:${input.fun}`, args: input };
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let answer;
      try {
        answer = await callSalt(input);
      } catch (error) {
        if (error instanceof AppError) await audit.recordAlone(actor, { ...draft, decision: 'deny', resultCode: error.status, durationMs: elapsed() });
        throw error;
      }
      if ('dispatched' in answer) {
        const { jid, minions } = answer.dispatched;
        await audit.audited(actor, { ...draft, saltJid: jid, resultCode: 202 }, (trx) => jobs.ingest.recordDispatch(trx, dispatchOf(input, jid, minions)));
        return { kind: 'dispatched', body: answer.dispatched };
      }
      if (Object.keys(answer.returns).length === 0) {
        await audit.recordAlone(actor, { ...draft, decision: 'deny', resultCode: 502, durationMs: elapsed() });
        throw new UpstreamError('Salt-API returned no jid');
      }
      const results = syncResults(answer.returns);
      const body = resultBody(results);
      await audit.audited(actor, { ...draft, saltJid: body.jid, resultCode: 200 }, async (trx) => {
        for (const job of jobsOf(input, results)) {
          await jobs.ingest.recordDispatch(trx, dispatchOf(input, job.jid, job.minions));
          await jobs.ingest.recordFetched(job, { skipMinions: new Set(), complete: true }, trx);
        }
      });
      return { kind: 'finished', body };
    },
  };
}
