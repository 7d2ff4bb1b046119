import type { Minion } from '../fleet.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { StateDef } from '../sls.js';
import { runCommand } from './commands.js';

/** What one state did: the fields of its return entry that depend on its kind. */
export interface StateOutcome {
  result: boolean | null;
  comment: string;
  changes: JsonValue;
  durationMs: number;
}

export interface StateContext {
  minion: Minion;
  /** The SLS has not been applied before (or the minion drifts), so managed things change. */
  willChange: boolean;
  test: boolean;
  failedRequisite?: string;
  jobDurationMs: number;
}

const ms = (minion: Minion, lo: number, hi: number): number => Math.round((lo + minion.rng.next() * (hi - lo)) * 1000) / 1000;

function pkgOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  const names = def.name === 'base_packages' ? ['curl', 'vim', 'htop'] : [def.name];
  if (!ctx.willChange) return { result: true, comment: 'All specified packages are already installed', changes: {}, durationMs: ms(ctx.minion, 20, 60) };
  if (ctx.test) return { result: null, comment: `The following packages would be installed/updated: ${names.join(', ')}`, changes: {}, durationMs: ms(ctx.minion, 200, 800) };
  const changes: JsonObject = Object.fromEntries(names.map((n) => [n, { new: def.version ?? '1.0.0-1', old: '' }]));
  return { result: true, comment: `The following packages were installed/updated: ${names.join(', ')}`, changes, durationMs: ms(ctx.minion, 2000, 9000) };
}

function fileOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  if (!ctx.willChange) return { result: true, comment: `File ${def.name} is in the correct state`, changes: {}, durationMs: ms(ctx.minion, 5, 40) };
  const firstTime = !ctx.minion.applied.has(def.sls);
  const diff = firstTime ? 'New file' : `--- \n+++ \n@@ -1,3 +1,3 @@\n # Managed by Salt\n-# revision ${ctx.minion.rng.int(100, 999)}\n+# revision ${ctx.minion.rng.int(100, 999)}\n`;
  if (ctx.test) return { result: null, comment: `The file ${def.name} is set to be changed\nNote: No changes made, actual changes may\nbe different due to other states.`, changes: { diff }, durationMs: ms(ctx.minion, 5, 40) };
  return { result: true, comment: `File ${def.name} updated`, changes: { diff }, durationMs: ms(ctx.minion, 5, 40) };
}

function dirOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  const created = ctx.willChange && !ctx.minion.applied.has(def.sls);
  if (!created) return { result: true, comment: `The directory ${def.name} is in the correct state`, changes: {}, durationMs: ms(ctx.minion, 20, 80) };
  if (ctx.test) return { result: null, comment: `The following files will be changed:\n${def.name}: directory - new\n`, changes: { [def.name]: { directory: 'new' } }, durationMs: ms(ctx.minion, 20, 80) };
  return { result: true, comment: '', changes: { [def.name]: { directory: 'new' } }, durationMs: ms(ctx.minion, 30, 110) };
}

function cmdOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  if (ctx.test) return { result: null, comment: `Command "${def.name}" would have been executed`, changes: { cmd: def.name }, durationMs: ms(ctx.minion, 0.5, 2) };
  const r = runCommand(def.name, ctx.minion, ctx.jobDurationMs);
  const pid = ctx.minion.nextPid++;
  return {
    result: r.retcode === 0, comment: `Command "${def.name}" run`,
    changes: { pid, retcode: r.retcode, stdout: r.stdout, stderr: r.stderr }, durationMs: ms(ctx.minion, 10, 40),
  };
}

function serviceOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  const broken = def.breaksOnBrokenMinion === true && ctx.minion.traits.broken;
  if (ctx.test && (broken || ctx.willChange)) return { result: null, comment: `Service ${def.name} is set to start`, changes: {}, durationMs: ms(ctx.minion, 10, 40) };
  if (broken) return { result: false, comment: `Job for ${def.name}.service failed because the control process exited with error code.\nSee "systemctl status ${def.name}.service" and "journalctl -xeu ${def.name}.service" for details.`, changes: {}, durationMs: ms(ctx.minion, 300, 900) };
  if (ctx.willChange && !ctx.minion.applied.has(def.sls)) return { result: true, comment: `Service ${def.name} has been enabled, and is running`, changes: { [def.name]: true }, durationMs: ms(ctx.minion, 200, 700) };
  return { result: true, comment: `The service ${def.name} is already running`, changes: {}, durationMs: ms(ctx.minion, 20, 60) };
}

function userOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  if (ctx.minion.applied.has(def.sls)) return { result: true, comment: `User ${def.name} is present and up to date`, changes: {}, durationMs: ms(ctx.minion, 3, 12) };
  if (ctx.test) return { result: null, comment: `User ${def.name} set to be added`, changes: {}, durationMs: ms(ctx.minion, 3, 12) };
  return {
    result: true, comment: `New user ${def.name} created`, durationMs: ms(ctx.minion, 40, 120),
    changes: { fullname: '', gid: 1001, groups: [def.name], home: `/home/${def.name}`, homephone: '', name: def.name, passwd: 'x', roomnumber: '', shell: '/bin/bash', uid: 1001, workphone: '' },
  };
}

/** The outcome of one state; a failed requisite short-circuits everything else. */
export function stateOutcome(def: StateDef, ctx: StateContext): StateOutcome {
  if (ctx.failedRequisite) return { result: false, comment: `One or more requisite failed: ${def.sls}.${ctx.failedRequisite}`, changes: {}, durationMs: 0.002 };
  switch (def.kind) {
    case 'pkg': return pkgOutcome(def, ctx);
    case 'file': return fileOutcome(def, ctx);
    case 'dir': return dirOutcome(def, ctx);
    case 'cmd': return cmdOutcome(def, ctx);
    case 'service': return serviceOutcome(def, ctx);
    case 'user': return userOutcome(def, ctx);
    case 'noop': return { result: true, comment: 'Success!', changes: {}, durationMs: ms(ctx.minion, 0.5, 1) };
    case 'fail': return ctx.test
      ? { result: false, comment: "If we weren't testing, this would be a failure!", changes: {}, durationMs: ms(ctx.minion, 0.5, 1) }
      : { result: false, comment: 'Failure!', changes: {}, durationMs: ms(ctx.minion, 0.5, 1) };
    case 'requisite': return { result: true, comment: 'Success!', changes: { testing: { old: 'Unchanged', new: 'Something pretended to change' } }, durationMs: ms(ctx.minion, 0.5, 1) };
  }
}
