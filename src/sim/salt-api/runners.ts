import { asString, truthy } from './args.js';
import { connectedIds, type Fleet } from './fleet.js';
import { jobSummary } from './job-cache.js';
import { isJsonObject, stringList, type JsonObject, type JsonValue } from './json.js';
import type { KeyStore } from './keys.js';
import type { Master } from './master.js';
import { resolveTarget } from './targeting.js';
import { jidToTime } from './time.js';

export interface RunnerContext {
  master: Master;
  fleet: Fleet;
  keys: KeyStore;
}

/** A runner function: its parameters in signature order (the first `required` have no default). */
export interface RunnerFunction {
  params: string[];
  required: number;
  run(ctx: RunnerContext, kw: JsonObject): JsonValue;
  doc: string;
}

/** `salt.utils.args.split_input`: a list, or a comma-separated string. */
const list = (value: JsonValue | undefined): string[] | undefined =>
  value === undefined || value === null || value === '' ? undefined
    : Array.isArray(value) ? value.map((v) => asString(v)) : asString(value).split(',').map((v) => v.trim());

function lookupJid(ctx: RunnerContext, kw: JsonObject): JsonValue {
  const job = ctx.master.cache.get(asString(kw.jid));
  if (!job) return {};
  const out: JsonObject = {};
  if (kw.returned === undefined || truthy(kw.returned)) for (const [id, ret] of job.returns) out[id] = ret.return;
  if (truthy(kw.missing)) for (const id of job.minions) if (!job.returns.has(id)) out[id] = 'Minion did not return';
  // State runs carry `out: highstate`, and lookup_jid then wraps the data for that outputter.
  const first = job.returns.values().next().value;
  return first?.out ? { outputter: first.out, data: out } : out;
}

/** `jobs.active` asks every minion for `saltutil.running` (a job of its own, run as root). */
function active(ctx: RunnerContext): JsonValue {
  ctx.master.publish({ tgt: '*', tgtType: 'glob', fun: 'saltutil.running', arg: [], user: 'root' });
  const out: JsonObject = {};
  const running = ctx.master.allRunning().filter((j) => j.fun !== 'saltutil.running').sort((a, b) => (a.jid < b.jid ? -1 : 1));
  for (const job of running) {
    const entry = out[job.jid];
    if (isJsonObject(entry) && Array.isArray(entry.Running)) {
      entry.Running.push({ [job.minion]: job.pid });
      continue;
    }
    const returned = [...(ctx.master.cache.get(job.jid)?.returns.keys() ?? [])];
    out[job.jid] = { ...jobSummary(job), StartTime: jidToTime(job.jid), Running: [{ [job.minion]: job.pid }], Returned: returned };
  }
  return out;
}

/** manage.status/up/down ping the targeted accepted minions with a `test.ping` job run as root. */
function pingStatus(ctx: RunnerContext, kw: JsonObject): { up: string[]; down: string[] } {
  const tgt = kw.tgt ?? '*';
  const tgtType = asString(kw.tgt_type ?? 'glob');
  ctx.master.publish({ tgt, tgtType, fun: 'test.ping', arg: [], user: 'root' });
  const targeted = resolveTarget(ctx.fleet, tgt, tgtType).minions;
  const present = new Set(connectedIds(ctx.fleet));
  return { up: targeted.filter((id) => present.has(id)).sort(), down: targeted.filter((id) => !present.has(id)).sort() };
}

const byTarget = (ctx: RunnerContext, kw: JsonObject, pick: (id: string) => JsonValue): JsonObject => {
  const out: JsonObject = {};
  for (const id of resolveTarget(ctx.fleet, kw.tgt ?? '*', asString(kw.tgt_type ?? 'glob')).minions) out[id] = pick(id);
  return out;
};

const PING = ['tgt', 'tgt_type', 'timeout', 'gather_job_timeout'];

export const RUNNERS: Record<string, RunnerFunction> = {
  'jobs.list_jobs': {
    params: ['ext_source', 'outputter', 'search_metadata', 'search_function', 'search_target', 'start_time', 'end_time', 'display_progress'],
    required: 0,
    run: (ctx, kw) => ctx.master.cache.listJobs({
      searchFunction: list(kw.search_function), searchTarget: list(kw.search_target),
      searchMetadata: isJsonObject(kw.search_metadata) ? kw.search_metadata : undefined,
      startTime: kw.start_time ? asString(kw.start_time) : undefined, endTime: kw.end_time ? asString(kw.end_time) : undefined,
    }),
    doc: 'List all detectable jobs and associated functions',
  },
  'jobs.list_job': { params: ['jid', 'ext_source', 'display_progress'], required: 1, run: (ctx, kw) => ctx.master.cache.listJob(asString(kw.jid)), doc: 'List a specific job given by its jid' },
  'jobs.lookup_jid': { params: ['jid', 'ext_source', 'returned', 'missing', 'display_progress'], required: 1, run: lookupJid, doc: 'Return the printout from a previously executed job' },
  'jobs.active': { params: ['display_progress'], required: 0, run: (ctx) => active(ctx), doc: 'Return a report on all actively running jobs from a job id centric perspective' },
  'jobs.exit_success': {
    params: ['jid', 'ext_source'], required: 1,
    run: (ctx, kw) => {
      // Salt's check is whether each targeted minion returned something truthy.
      const job = ctx.master.cache.get(asString(kw.jid));
      return Object.fromEntries((job?.minions ?? []).map((id) => [id, truthy(job?.returns.get(id)?.return)]));
    },
    doc: 'Check if a job has been executed and exit successfully',
  },
  'jobs.print_job': {
    params: ['jid', 'ext_source'], required: 1,
    run: (ctx, kw) => {
      const { jid: _jid, ...job } = ctx.master.cache.listJob(asString(kw.jid));
      return { [asString(kw.jid)]: job };
    },
    doc: 'Print a specific job\'s detail given by its jid, including the return data',
  },
  'manage.status': { params: ['output', ...PING], required: 0, run: (ctx, kw) => pingStatus(ctx, kw), doc: 'Print the status of all known salt minions' },
  'manage.up': { params: [...PING, 'show_ip'], required: 0, run: (ctx, kw) => pingStatus(ctx, kw).up, doc: 'Print a list of all of the minions that are up' },
  'manage.down': {
    params: ['removekeys', ...PING], required: 0,
    run: (ctx, kw) => {
      const down = pingStatus(ctx, kw).down;
      if (truthy(kw.removekeys)) for (const id of down) ctx.keys.delete(id);
      return down;
    },
    doc: 'Print a list of all the down or unresponsive salt minions',
  },
  'manage.present': {
    params: ['subset', 'show_ip'], required: 0,
    run: (ctx, kw) => {
      const subset = list(kw.subset);
      const ids = connectedIds(ctx.fleet).filter((id) => !subset || subset.includes(id));
      if (!truthy(kw.show_ip)) return ids;
      return Object.fromEntries(ids.map((id) => [id, stringList(ctx.fleet.minions.get(id)?.grains.fqdn_ip4)[0] ?? '']));
    },
    doc: 'Print a list of all minions that are up according to Salt\'s presence detection (no commands will be sent)',
  },
  'manage.not_present': {
    params: ['subset', 'show_ip'], required: 0,
    run: (ctx) => {
      const present = new Set(connectedIds(ctx.fleet));
      return resolveTarget(ctx.fleet, '*', 'glob').minions.filter((id) => !present.has(id));
    },
    doc: 'Print a list of all minions that are NOT up according to Salt\'s presence detection',
  },
  'cache.grains': { params: ['tgt', 'tgt_type'], required: 0, run: (ctx, kw) => byTarget(ctx, kw, (id) => ctx.fleet.minions.get(id)?.grains ?? {}), doc: 'Return cached grains of the targeted minions' },
  'cache.pillar': { params: ['tgt', 'tgt_type'], required: 0, run: (ctx, kw) => byTarget(ctx, kw, (id) => ctx.fleet.minions.get(id)?.pillar ?? {}), doc: 'Return cached pillars of the targeted minions' },
};
