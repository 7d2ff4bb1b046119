import { jidToDate } from '../client/parse/jid.js';
import { parseStateJob, type MinionStateReport } from '../client/parse/highstate-job.js';
import type { JobListRow } from './repo.js';
import type { JobDetail, JobStatus, JobSummary, MinionResultView, MinionStates } from './schema.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Salt's `StartTime` for a JID, `2026, May 27 14:00:00.000003`: the JID's own digits, microseconds kept. */
export function jidStartTime(jid: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{6})/.exec(jid);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return null;
  return `${m[1]}, ${month} ${m[3]} ${m[4]}:${m[5]}:${m[6]}.${m[7]}`;
}

export function toJobSummary(row: JobListRow, status: JobStatus): JobSummary {
  return {
    jid: row.jid, function: row.function, target: row.target, target_type: row.target_type, user: row.user,
    start_time: jidStartTime(row.jid), status, started_at: row.started_at,
  };
}

/** A job as the detail view is built from: live from Salt or from the stored index row. */
export interface DetailSource {
  jid: string;
  function: string;
  arguments: unknown[];
  kwargs: Record<string, unknown>;
  target: string;
  target_type: string | null;
  user: string | null;
  minions: string[];
}

export interface DetailOptions {
  status: JobStatus;
  source: JobDetail['source'];
  /** The job is known to be over: targeted minions without a return count as blocked. */
  complete: boolean;
}

const isStateJob = (fun: string) => fun.startsWith('state.');

/** `JobDetail` (salt-console.md §4) with the state table of state jobs. */
export function toJobDetail(job: DetailSource, results: MinionResultView[], options: DetailOptions): JobDetail {
  const returned = new Set(results.map((r) => r.minion));
  const minions = job.minions.length > 0 ? job.minions : [...returned];
  const missing = minions.filter((id) => !returned.has(id));
  const { states, summary } = isStateJob(job.function) ? stateTables(results, options.complete ? missing : []) : { states: null, summary: null };
  return {
    jid: job.jid, function: job.function, arguments: job.arguments, kwargs: job.kwargs, target: job.target,
    target_type: job.target_type, user: job.user, start_time: jidStartTime(job.jid), started_at: jidToDate(job.jid)?.toISOString() ?? null,
    status: options.status, minions, missing, results, states, summary, source: options.source,
  };
}

function stateTables(results: MinionResultView[], blocked: string[]): { states: Record<string, MinionStates>; summary: JobDetail['summary'] } {
  const perMinion: Record<string, unknown> = {};
  for (const r of results) perMinion[r.minion] = { return: r.return_value, retcode: r.retcode, success: r.success };
  for (const minion of blocked) perMinion[minion] = 'Minion did not return';
  const parsed = parseStateJob(perMinion);
  const states: Record<string, MinionStates> = {};
  for (const report of parsed.minions) states[report.minion] = toMinionStates(report);
  return { states, summary: parsed.summary };
}

function toMinionStates(report: MinionStateReport): MinionStates {
  const empty = { rows: [], passed: 0, failed: 0, changed: 0, total: 0, duration_ms: 0, blocked: false, errors: [] };
  switch (report.kind) {
    case 'states':
      return { ...empty, kind: 'states', rows: report.states, ...report.summary };
    case 'render_error':
      return { ...empty, kind: 'render_error', failed: report.errors.length, total: report.errors.length, errors: report.errors };
    case 'blocked':
      return { ...empty, kind: 'blocked', blocked: true, errors: [report.message] };
    case 'other':
      return { ...empty, kind: 'other' };
  }
}
