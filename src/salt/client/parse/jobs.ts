import { isValidJid, jidToDate } from './jid.js';
import { intOrNull, isRecord, isStringArray, type JsonObject, boolOrNull, stringOrNull, targetString } from './values.js';

/** One row of `jobs.list_jobs`, as the jobs index stores it. */
export interface JobRow {
  jid: string;
  function: string;
  /** A `list` target's ids are joined with commas (Salt's own list-target syntax). */
  target: string;
  target_type: string | null;
  user: string | null;
  /** From the JID, read in the master's zone (UTC by default); null for a malformed JID. */
  started_at: Date | null;
  /** Salt's `Arguments` as recorded (a list, occasionally a dict), or null. */
  arguments: unknown[] | JsonObject | null;
}

/** One minion's answer in `jobs.list_job`'s `Result`. */
export interface MinionResult {
  minion: string;
  success: boolean | null;
  retcode: number | null;
  return: unknown;
  /** The outputter Salt recorded (`highstate` for state runs), or null. */
  out: string | null;
}

export interface JobDetail extends Omit<JobRow, 'arguments'> {
  /** Positional arguments; keyword arguments (the `__kwarg__` dicts) are split into `kwargs`. */
  arguments: unknown[];
  kwargs: JsonObject;
  minions: string[];
  /** Targeted minions with no result yet: still running, down, or killed. */
  missing: string[];
  results: MinionResult[];
}

export interface ActiveJob extends JobRow {
  running: { minion: string; pid: number | null }[];
  returned: string[];
}

/** `jobs.list_jobs` (an object keyed by jid) → rows, newest first; malformed JIDs are skipped. */
export function parseJobList(value: unknown, timeZone = 'UTC'): JobRow[] {
  if (!isRecord(value)) return [];
  const rows: JobRow[] = [];
  for (const [jid, summary] of Object.entries(value)) {
    if (!isValidJid(jid) || !isRecord(summary)) continue;
    rows.push(jobRow(jid, summary, timeZone));
  }
  return rows.sort((a, b) => (a.jid < b.jid ? 1 : a.jid > b.jid ? -1 : 0));
}

/** `jobs.list_job` (or `GET /jobs/{jid}` `info[0]`) → detail; null when Salt does not know the job. */
export function parseJobDetail(value: unknown, timeZone = 'UTC'): JobDetail | null {
  if (!isRecord(value) || typeof value.Function !== 'string') return null;
  const jid = stringOrNull(value.jid) ?? stringOrNull(value.JID) ?? '';
  const { arguments: args, kwargs } = splitArguments(value.Arguments);
  const results = isRecord(value.Result) ? Object.entries(value.Result).map(([minion, raw]) => minionResult(minion, raw)) : [];
  results.sort((a, b) => a.minion.localeCompare(b.minion));
  const returned = new Set(results.map((r) => r.minion));
  const listed = isStringArray(value.Minions) && value.Minions.length > 0 ? value.Minions : [...returned];
  return {
    ...jobRow(jid, value, timeZone),
    arguments: args,
    kwargs,
    minions: listed,
    missing: listed.filter((id) => !returned.has(id)),
    results,
  };
}

/** `jobs.active` → the running jobs, newest first, with the minions (and pids) still on them. */
export function parseActiveJobs(value: unknown, timeZone = 'UTC'): ActiveJob[] {
  return parseJobList(value, timeZone).map((row) => {
    const raw = (value as JsonObject)[row.jid] as JsonObject;
    const running = Array.isArray(raw.Running) ? raw.Running.flatMap(runningEntries) : [];
    return { ...row, running, returned: isStringArray(raw.Returned) ? raw.Returned : [] };
  });
}

/** Splits Salt's argument list: dicts marked `__kwarg__: true` are keyword arguments. */
export function splitArguments(value: unknown): { arguments: unknown[]; kwargs: JsonObject } {
  if (!Array.isArray(value)) return { arguments: [], kwargs: isRecord(value) ? value : {} };
  const args: unknown[] = [];
  const kwargs: JsonObject = {};
  for (const item of value) {
    if (isRecord(item) && item.__kwarg__ === true) {
      const { __kwarg__: _marker, ...rest } = item;
      Object.assign(kwargs, rest);
    } else {
      args.push(item);
    }
  }
  return { arguments: args, kwargs };
}

function jobRow(jid: string, summary: JsonObject, timeZone: string): JobRow {
  const args = summary.Arguments;
  return {
    jid,
    function: stringOrNull(summary.Function) ?? '',
    target: targetString(summary.Target) ?? '',
    target_type: stringOrNull(summary['Target-type']),
    user: stringOrNull(summary.User),
    started_at: jidToDate(jid, timeZone),
    arguments: Array.isArray(args) || isRecord(args) ? args : null,
  };
}

function minionResult(minion: string, raw: unknown): MinionResult {
  if (!isRecord(raw) || !('return' in raw)) return { minion, success: null, retcode: null, return: raw, out: null };
  return { minion, success: boolOrNull(raw.success), retcode: intOrNull(raw.retcode), return: raw.return, out: stringOrNull(raw.out) };
}

function runningEntries(entry: unknown): { minion: string; pid: number | null }[] {
  if (!isRecord(entry)) return [];
  return Object.entries(entry).map(([minion, pid]) => ({ minion, pid: intOrNull(pid) }));
}
