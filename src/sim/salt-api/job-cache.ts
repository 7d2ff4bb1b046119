import { globMatch } from './glob.js';
import { type JsonObject, type JsonValue } from './json.js';
import { jidToMicros, jidToTime, nowMicros, parseSaltTime } from './time.js';

/** One minion's return as the master's job cache keeps it. */
export interface MinionReturn {
  return: JsonValue;
  retcode: number;
  success: boolean;
  out?: string;
}

/** A published job (local, runner or wheel) in the master's `local_cache`. */
export interface JobRecord {
  jid: string;
  fun: string;
  arg: JsonValue[];
  tgt: JsonValue;
  tgtType: string;
  user: string;
  minions: string[];
  metadata?: JsonObject;
  returns: Map<string, MinionReturn>;
}

/** `keep_jobs_seconds` default: the local cache forgets jobs after 24 hours. */
const KEEP_JOBS_MICROS = 86_400 * 1_000_000;

/** The `_format_job_instance` summary shared by `list_jobs`, `list_job` and `active`. */
export function jobSummary(job: Pick<JobRecord, 'fun' | 'arg' | 'tgt' | 'tgtType' | 'user' | 'metadata'>): JsonObject {
  const summary: JsonObject = {
    Function: job.fun, Arguments: [...job.arg], Target: job.tgt, 'Target-type': job.tgtType, User: job.user,
  };
  if (job.metadata) summary.Metadata = job.metadata;
  return summary;
}

export function returnEntry(ret: MinionReturn): JsonObject {
  const entry: JsonObject = { return: ret.return, retcode: ret.retcode, success: ret.success };
  if (ret.out) entry.out = ret.out;
  return entry;
}

export interface ListJobsFilter {
  searchFunction?: string[];
  searchTarget?: string[];
  searchMetadata?: JsonObject;
  startTime?: string;
  endTime?: string;
}

export class JobCache {
  private readonly jobs = new Map<string, JobRecord>();

  add(job: JobRecord): void {
    this.prune();
    this.jobs.set(job.jid, job);
  }

  get(jid: string): JobRecord | undefined {
    return this.jobs.get(jid);
  }

  all(): JobRecord[] {
    this.prune();
    return [...this.jobs.values()];
  }

  /** runner `jobs.list_jobs`, with its search and time-window filters. */
  listJobs(filter: ListJobsFilter = {}): JsonObject {
    const start = filter.startTime ? parseSaltTime(filter.startTime) : Number.NaN;
    const end = filter.endTime ? parseSaltTime(filter.endTime) : Number.NaN;
    const out: JsonObject = {};
    for (const job of this.all()) {
      const at = jidToMicros(job.jid);
      if (filter.startTime && !(at >= start)) continue;
      if (filter.endTime && !(at <= end)) continue;
      if (filter.searchFunction && !filter.searchFunction.some((p) => globMatch(job.fun, p))) continue;
      if (filter.searchTarget) {
        const targets = Array.isArray(job.tgt) ? job.tgt.map(String) : [String(job.tgt)];
        if (!targets.some((t) => filter.searchTarget?.some((p) => globMatch(t, p)))) continue;
      }
      if (filter.searchMetadata) {
        // Any one matching key/value pair is enough, as in Salt.
        const meta = job.metadata ?? {};
        if (!Object.entries(filter.searchMetadata).some(([k, v]) => k in meta && JSON.stringify(meta[k]) === JSON.stringify(v))) continue;
      }
      out[job.jid] = { ...jobSummary(job), StartTime: jidToTime(job.jid) };
    }
    return out;
  }

  /** runner `jobs.list_job`; an unknown jid gives the returner's error text. */
  listJob(jid: string): JsonObject {
    const job = this.jobs.get(jid);
    if (!job) return { jid, Error: 'Cannot contact returner or no job with this jid', StartTime: jidToTime(jid), Result: {} };
    const result: JsonObject = {};
    for (const [id, ret] of job.returns) result[id] = returnEntry(ret);
    return { jid, ...jobSummary(job), Minions: [...job.minions], StartTime: jidToTime(jid), Result: result };
  }

  private prune(): void {
    const cutoff = nowMicros() - KEEP_JOBS_MICROS;
    for (const [jid] of this.jobs) {
      if (jidToMicros(jid) >= cutoff) break;
      this.jobs.delete(jid);
    }
  }
}
