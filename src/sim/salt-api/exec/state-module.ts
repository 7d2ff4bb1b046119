import { truthy } from '../args.js';
import type { JsonObject, JsonValue } from '../json.js';
import { RENDER_ERRORS, slsNames, slsStates, topFor, type StateDef } from '../sls.js';
import { timeOfDay } from '../time.js';
import { stateOutcome } from './state-entries.js';
import { doc, type ExecCall, type ExecModule, type ExecOutcome } from './types.js';

const stateKey = (d: StateDef): string => `${d.module}_|-${d.id}_|-${d.name}_|-${d.fun}`;

/**
 * Runs SLS files on one minion and builds the highstate return: entries keyed by state id, each with
 * `__run_num__`, `__sls__`, `start_time` and `duration`; render errors come back as a list of strings.
 */
export function runStates(call: ExecCall, names: string[]): ExecOutcome {
  const { minion } = call;
  const test = truthy(call.kwargs.test);
  const errors: string[] = [];
  const plan: StateDef[] = [];
  for (const name of names) {
    const rendered = RENDER_ERRORS[name];
    const states = slsStates(name, minion);
    if (rendered) errors.push(rendered);
    else if (!states) errors.push(`No matching sls found for '${name}' in env 'base'`);
    else plan.push(...states);
  }
  if (errors.length > 0) return { return: errors, retcode: 1, out: 'highstate' };

  const out: JsonObject = {};
  const failed = new Set<string>();
  let cursor = call.startedAt + 40_000 + Math.floor(minion.rng.next() * 80_000);
  plan.forEach((def, runNum) => {
    const willChange = !minion.applied.has(def.sls) || (minion.traits.drifty && def.kind === 'file');
    const failedRequisite = def.requires !== undefined && failed.has(def.requires) ? def.requires : undefined;
    const o = stateOutcome(def, { minion, willChange, test, failedRequisite, jobDurationMs: call.jobDurationMs });
    if (o.result === false) failed.add(def.id);
    const entry: { [key: string]: JsonValue } = {
      name: def.name, changes: o.changes, result: o.result, comment: o.comment, __sls__: def.sls, __run_num__: runNum,
      start_time: timeOfDay(cursor), duration: o.durationMs, __id__: def.id,
    };
    out[stateKey(def)] = entry;
    cursor += Math.round(o.durationMs * 1000) + 300 + Math.floor(minion.rng.next() * 2000);
  });
  if (!test) for (const name of names) minion.applied.add(name);
  return { return: out, retcode: failed.size > 0 ? 2 : 0, out: 'highstate' };
}

const slow = (call: ExecCall): number => call.jobDurationMs * (0.5 + call.minion.rng.next());
const applyArgs = (call: ExecCall): string[] => slsNames(call.args[0] ?? call.kwargs.mods);

/** `state.*`: `state.apply` without arguments is a highstate, with arguments it is `state.sls`. */
export const stateModule: ExecModule = {
  'state.apply': {
    durationMs: slow,
    run: (call) => {
      const names = applyArgs(call);
      return runStates(call, names.length > 0 ? names : topFor(call.minion));
    },
    doc: doc('state.apply', 'Applies states. With no arguments runs a highstate, otherwise applies the named SLS files (like ``state.sls``).\n\n    test\n        Run in test mode: report what would change with ``result: None``.', 'nginx test=True'),
  },
  'state.highstate': {
    durationMs: slow,
    run: (call) => runStates(call, topFor(call.minion)),
    doc: doc('state.highstate', 'Retrieves the state data from the master for this minion and executes it.', 'test=True'),
  },
  'state.sls': {
    durationMs: slow,
    run: (call) => {
      const names = applyArgs(call);
      return runStates(call, names.length > 0 ? names : topFor(call.minion));
    },
    doc: doc('state.sls', 'Executes the states in one or more SLS files.', 'nginx,base'),
  },
  'state.test': {
    durationMs: slow,
    run: (call) => {
      const names = applyArgs(call);
      return runStates({ ...call, kwargs: { ...call.kwargs, test: true } }, names.length > 0 ? names : topFor(call.minion));
    },
    doc: doc('state.test', 'Like ``state.apply`` with ``test=True``.', 'nginx'),
  },
  'state.show_top': {
    run: (call) => ({ return: { base: topFor(call.minion) } }),
    doc: doc('state.show_top', 'Returns the top data that the minion will use for a highstate.'),
  },
};
