import { splitArgs } from './args.js';
import type { EventBus } from './events.js';
import { EXEC_FUNCTIONS } from './exec/registry.js';
import { MinionException, type ExecCall, type ExecFunction, type ExecOutcome, type ProcessTable, type RunningJob } from './exec/types.js';
import type { Fleet, Minion } from './fleet.js';
import { JobCache, type JobRecord, type MinionReturn } from './job-cache.js';
import type { JsonObject, JsonValue } from './json.js';
import { resolveTarget } from './targeting.js';
import { newJid, nowMicros } from './time.js';

export interface PublishSpec {
  tgt: JsonValue;
  tgtType: string;
  fun: string;
  /** As published: positional args plus a trailing `__kwarg__` dict, if any. */
  arg: JsonValue[];
  user: string;
  metadata?: JsonObject;
}

interface Proc extends RunningJob {
  timer: NodeJS.Timeout;
}

/** Runs one simulated execution function, turning exceptions and unknown names into Salt's returns. */
function execute(fn: ExecFunction | undefined, call: ExecCall): ExecOutcome {
  if (!fn) {
    const missing = `'${call.fun}' is not available.`;
    const near = Object.keys(EXEC_FUNCTIONS).filter((f) => f.startsWith(call.fun)).sort();
    if (near.length === 0) return { return: missing, retcode: 1 };
    const docs: JsonObject = Object.fromEntries(near.map((f) => [f, EXEC_FUNCTIONS[f]?.doc ?? null]));
    return { return: { ...docs, [call.fun]: missing }, retcode: 1, out: 'nested' };
  }
  try {
    return fn.run(call);
  } catch (err) {
    const type = err instanceof MinionException ? err.exceptionType : 'Exception';
    const message = err instanceof Error ? err.message : String(err);
    const trace = `Traceback (most recent call last):\n  File "/opt/saltstack/salt/lib/python3.10/site-packages/salt/minion.py", line 1926, in _thread_return\n    return_data = minion_instance._execute_job_function(\n  File "/opt/saltstack/salt/lib/python3.10/site-packages/salt/loader/lazy.py", line 1274, in _run_as\n    return _func_or_method(*args, **kwargs)\n${type}: ${message}\n`;
    return { return: `The minion function caused an exception: ${trace}`, retcode: 1, out: 'nested' };
  }
}

/**
 * The master and its minions: publishes jobs to targeted minions, runs them on simulated timers,
 * records returns in the job cache and fires the job events. Also the minions' process tables.
 */
export class Master implements ProcessTable {
  readonly cache = new JobCache();
  private readonly procs = new Map<string, Map<string, Proc>>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(readonly fleet: Fleet, readonly bus: EventBus, private readonly jobDurationMs: number) {}

  /** Publishes a job; null when the target matched nothing (no jid is assigned then). */
  publish(spec: PublishSpec): { jid: string; minions: string[] } | null {
    const target = resolveTarget(this.fleet, spec.tgt, spec.tgtType);
    if (target.minions.length === 0) return null;
    const jid = newJid();
    const job: JobRecord = { jid, fun: spec.fun, arg: spec.arg, tgt: spec.tgt, tgtType: spec.tgtType, user: spec.user, minions: target.minions, returns: new Map() };
    if (spec.metadata) job.metadata = spec.metadata;
    this.cache.add(job);
    this.bus.fire(jid, { minions: target.minions });
    this.bus.fire(`salt/job/${jid}/new`, {
      jid, tgt_type: spec.tgtType, tgt: spec.tgt, user: spec.user, fun: spec.fun, arg: spec.arg, minions: target.minions, missing: target.missing,
    });
    for (const id of target.minions) {
      const minion = this.fleet.minions.get(id);
      if (minion?.connected) this.start(minion, job);
    }
    return { jid, minions: target.minions };
  }

  private start(minion: Minion, job: JobRecord): void {
    const { args, kwargs } = splitArgs(job.arg);
    const call: ExecCall = { minion, fun: job.fun, args, kwargs, jid: job.jid, fleet: this.fleet, procs: this, jobDurationMs: this.jobDurationMs, startedAt: nowMicros() };
    const fn = EXEC_FUNCTIONS[job.fun];
    let duration = 15 + minion.rng.next() * 120;
    try {
      if (fn?.durationMs) duration = fn.durationMs(call);
    } catch {
      // A bad argument surfaces when the function runs; the job itself is quick.
    }
    if (job.fun.startsWith('state.')) this.bus.fire(`minion/refresh/${minion.id}`, { 'Minion data cache refresh': minion.id });
    const proc: Proc = {
      jid: job.jid, pid: minion.nextPid++, fun: job.fun, arg: job.arg, tgt: job.tgt, tgtType: job.tgtType, user: job.user, minion: minion.id,
      timer: setTimeout(() => this.finish(proc, job, call, fn), duration),
    };
    this.table(minion.id).set(job.jid, proc);
  }

  private finish(proc: Proc, job: JobRecord, call: ExecCall, fn: ExecFunction | undefined): void {
    this.table(proc.minion).delete(job.jid);
    const outcome = execute(fn, call);
    const retcode = outcome.retcode ?? 0;
    const ret: MinionReturn = { return: outcome.return, retcode, success: retcode === 0 };
    if (outcome.out) ret.out = outcome.out;
    job.returns.set(proc.minion, ret);
    const data: JsonObject = {
      cmd: '_return', id: proc.minion, success: ret.success, return: ret.return, retcode, jid: job.jid, fun: job.fun, fun_args: job.arg, user: job.user,
    };
    if (ret.out) data.out = ret.out;
    this.bus.fire(`salt/job/${job.jid}/ret/${proc.minion}`, data);
    this.notify(job.jid);
  }

  private table(minionId: string): Map<string, Proc> {
    let table = this.procs.get(minionId);
    if (!table) this.procs.set(minionId, (table = new Map()));
    return table;
  }

  running(minionId: string): RunningJob[] {
    return [...this.table(minionId).values()].map(({ timer: _timer, ...job }) => job);
  }

  /** All jobs running anywhere, for `jobs.active`. */
  allRunning(): RunningJob[] {
    return [...this.procs.keys()].flatMap((id) => this.running(id));
  }

  signal(minionId: string, jid: string, signal: number): RunningJob | undefined {
    const proc = this.table(minionId).get(jid);
    if (!proc) return undefined;
    if (signal === 9 || signal === 15) {
      // The job process dies: no return is ever sent for this minion.
      clearTimeout(proc.timer);
      this.table(minionId).delete(jid);
      setImmediate(() => this.notify(jid));
    }
    const { timer: _timer, ...job } = proc;
    return job;
  }

  /** A minion went down: its running jobs die with it. */
  stopMinion(minionId: string): void {
    for (const proc of this.table(minionId).values()) this.signal(minionId, proc.jid, 9);
  }

  /**
   * Waits like LocalClient: until every targeted minion returned or is known not to be running the
   * job. A connected minion that is not running it is given up after `timeout`; one that is not
   * connected after `timeout + gather_job_timeout`, as the find_job round trip then times out.
   */
  waitFor(jid: string, minions: string[], timeoutMs: number, gatherMs: number): Promise<Map<string, MinionReturn | false>> {
    const started = Date.now();
    const job = this.cache.get(jid);
    return new Promise((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const check = (): void => {
        const elapsed = Date.now() - started;
        const pending = minions.filter((id) => {
          if (job?.returns.has(id)) return false;
          if (this.table(id).has(jid)) return true;
          const minion = this.fleet.minions.get(id);
          const connected = minion?.connected === true;
          return elapsed < (connected ? timeoutMs : timeoutMs + gatherMs);
        });
        if (pending.length > 0 && !this.closed) return;
        this.watchers.get(jid)?.delete(check);
        timers.forEach(clearTimeout);
        const out = new Map<string, MinionReturn | false>();
        for (const [id, ret] of job?.returns ?? []) if (minions.includes(id)) out.set(id, ret);
        for (const id of minions) if (!out.has(id)) out.set(id, false);
        resolve(out);
      };
      let set = this.watchers.get(jid);
      if (!set) this.watchers.set(jid, (set = new Set()));
      set.add(check);
      timers.push(setTimeout(check, timeoutMs), setTimeout(check, timeoutMs + gatherMs));
      check();
    });
  }

  private notify(jid: string): void {
    for (const check of [...(this.watchers.get(jid) ?? [])]) check();
  }

  /** Stops every timer so the process can exit. */
  close(): void {
    this.closed = true;
    for (const table of this.procs.values()) for (const proc of table.values()) clearTimeout(proc.timer);
    this.procs.clear();
    for (const [jid] of this.watchers) this.notify(jid);
  }
}
