import type { Fleet, Minion } from '../fleet.js';
import type { JsonObject, JsonValue } from '../json.js';

/** A job running on a minion: what `saltutil.running` / `find_job` report about it. */
export interface RunningJob {
  jid: string;
  pid: number;
  fun: string;
  arg: JsonValue[];
  tgt: JsonValue;
  tgtType: string;
  user: string;
  minion: string;
}

/** The minion-side process table, which the `saltutil` functions inspect and signal. */
export interface ProcessTable {
  running(minionId: string): RunningJob[];
  /** Delivers a signal; 9 and 15 end the job without a return. Returns the job it reached. */
  signal(minionId: string, jid: string, signal: number): RunningJob | undefined;
}

export interface ExecCall {
  minion: Minion;
  fun: string;
  args: JsonValue[];
  kwargs: JsonObject;
  jid: string;
  fleet: Fleet;
  procs: ProcessTable;
  /** Base duration of "slow" work (state runs, package upgrades), from the simulator options. */
  jobDurationMs: number;
  /** When the job started on the minion, in microseconds. */
  startedAt: number;
}

export interface ExecOutcome {
  return: JsonValue;
  retcode?: number;
  /** The outputter the minion names in its return (`highstate`, `nested`). */
  out?: string;
}

/** Thrown by a simulated function to produce Salt's "The minion function caused an exception" return. */
export class MinionException extends Error {
  constructor(readonly exceptionType: string, message: string) {
    super(message);
  }
}

export interface ExecFunction {
  run(call: ExecCall): ExecOutcome;
  /** How long the job runs on the minion; quick calls use a small random latency. */
  durationMs?(call: ExecCall): number;
  doc: string;
}

export type ExecModule = Record<string, ExecFunction>;

/** A docstring in Salt's indented RST style. */
export function doc(fun: string, summary: string, example = ''): string {
  return `\n    ${summary}\n\n    CLI Example:\n\n    .. code-block:: bash\n\n        salt '*' ${fun}${example ? ` ${example}` : ''}\n    `;
}
