import { jidToDate } from '../../client/parse/jid.js';
import type { JobDetail, JobRow, MinionResult } from '../../client/parse/jobs.js';
import type { JobNewEvent, JobRetEvent, SaltEvent } from '../../client/parse/events.js';
import { boolOrNull, stringOrNull } from '../../client/parse/values.js';
import type { JobUpsert } from '../repo.js';
import type { SeenReturn } from '../highstate/runs.js';

/** Who first recorded a job in the index. */
export type JobSource = 'event' | 'poll' | 'run';

/** A job Fleetdeck dispatched itself (`POST /api/run`), recorded before Salt reports it. */
export interface Dispatch {
  jid: string;
  fun: string;
  target: string;
  targetType: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  minions: string[];
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

function baseRow(jid: string, startedAt: Date, seenAt: Date, source: JobSource): JobUpsert {
  return {
    jid, function: '', target: '', target_type: null, user: null, started_at: startedAt.toISOString(), seen_at: seenAt.toISOString(),
    arguments_json: null, minions_json: null, minion_count: null, source,
  };
}

/** A `jobs.list_jobs` row, or null when its JID names no real instant. */
export function polledJob(row: JobRow, seenAt: Date): JobUpsert | null {
  if (!row.started_at) return null;
  return {
    ...baseRow(row.jid, row.started_at, seenAt, 'poll'),
    function: clip(row.function, 128), target: clip(row.target, 2048), target_type: row.target_type, user: row.user,
    arguments_json: json(row.arguments),
  };
}

/** A job as `jobs.list_job` describes it (a detail fetch), with its minions. */
export function fetchedJob(detail: JobDetail, seenAt: Date): JobUpsert | null {
  if (!detail.started_at) return null;
  const args = Object.keys(detail.kwargs).length > 0 ? [...detail.arguments, { ...detail.kwargs, __kwarg__: true }] : detail.arguments;
  return {
    ...baseRow(detail.jid, detail.started_at, seenAt, 'poll'),
    function: clip(detail.function, 128), target: clip(detail.target, 2048), target_type: detail.target_type, user: detail.user,
    arguments_json: json(args), minions_json: json(detail.minions), minion_count: detail.minions.length,
  };
}

export function dispatchedJob(dispatch: Dispatch, seenAt: Date): JobUpsert | null {
  const startedAt = jidToDate(dispatch.jid);
  if (!startedAt) return null;
  const args = Object.keys(dispatch.kwargs).length > 0 ? [...dispatch.args, { ...dispatch.kwargs, __kwarg__: true }] : dispatch.args;
  return {
    ...baseRow(dispatch.jid, startedAt, seenAt, 'run'),
    function: dispatch.fun, target: clip(dispatch.target, 2048), target_type: dispatch.targetType,
    arguments_json: json(args), minions_json: json(dispatch.minions), minion_count: dispatch.minions.length,
  };
}

function newJob(event: JobNewEvent, startedAt: Date, seenAt: Date): JobUpsert {
  return {
    ...baseRow(event.jid, startedAt, seenAt, 'event'),
    function: clip(event.fun ?? '', 128), target: clip(event.target ?? '', 2048), target_type: event.target_type, user: event.initiator,
    arguments_json: json(event.arguments), minions_json: json(event.minions), minion_count: event.minions.length,
  };
}

function retJob(event: JobRetEvent, startedAt: Date, seenAt: Date): JobUpsert {
  const { data } = event.raw;
  return {
    ...baseRow(event.jid, startedAt, seenAt, 'event'),
    function: clip(event.fun ?? '', 128), user: stringOrNull(data.user), arguments_json: json(Array.isArray(data.fun_args) ? data.fun_args : null),
  };
}

/** Two sightings of one job merged the way the upsert merges them (the first one wins, blanks are filled). */
export function mergeJobs(first: JobUpsert, later: JobUpsert): JobUpsert {
  return {
    ...first,
    source: later.source === 'run' ? 'run' : first.source,
    function: first.function || later.function,
    target: first.target || later.target,
    target_type: first.target_type ?? later.target_type,
    user: first.user ?? later.user,
    seen_at: later.seen_at > first.seen_at ? later.seen_at : first.seen_at,
    arguments_json: first.arguments_json ?? later.arguments_json,
    minions_json: first.minions_json ?? later.minions_json,
    minion_count: first.minion_count ?? later.minion_count,
  };
}

export interface EventRows {
  jobs: Map<string, JobUpsert>;
  returns: Map<string, SeenReturn>;
}

/** Folds a batch of events into unique job rows (by jid) and returns (by jid and minion). */
export function rowsFromEvents(events: readonly SaltEvent[], seenAt: Date): EventRows {
  const out: EventRows = { jobs: new Map(), returns: new Map() };
  for (const event of events) {
    if (event.event_type !== 'job.new' && event.event_type !== 'job.ret') continue;
    const startedAt = jidToDate(event.jid);
    if (!startedAt) continue;
    const row = event.event_type === 'job.new' ? newJob(event, startedAt, seenAt) : retJob(event, startedAt, seenAt);
    const known = out.jobs.get(row.jid);
    out.jobs.set(row.jid, known ? mergeJobs(known, row) : row);
    if (event.event_type === 'job.ret' && event.minion_id !== '') {
      const { data } = event.raw;
      out.returns.set(`${event.jid}\u0000${event.minion_id}`, {
        jid: event.jid, minion: event.minion_id, function: event.fun ?? '', value: data.return, retcode: event.retcode,
        success: boolOrNull(data.success) ?? event.success, startedAt, returnedAt: event.ts,
      });
    }
  }
  return out;
}

/** Returns read from `jobs.list_job` (or a synchronous run), timed at the job's start. */
export function seenResults(jid: string, fun: string, startedAt: Date, results: readonly MinionResult[]): SeenReturn[] {
  return results.map((result) => ({
    jid, minion: result.minion, function: fun, value: result.return, retcode: result.retcode,
    success: result.success, startedAt, returnedAt: startedAt,
  }));
}
