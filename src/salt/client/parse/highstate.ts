import { intOrNull, isRecord, isStringArray, type JsonObject, numberOrNull, stringOrNull } from './values.js';

/** One state of a state run, in execution order. */
export interface StateRow {
  /** The full lowstate key, `<module>_|-<id>_|-<name>_|-<function>`. */
  key: string;
  id: string;
  module: string;
  name: string;
  function: string;
  /** true ok, false failed, null would change (test mode). */
  result: boolean | null;
  changes: unknown;
  comment: string;
  duration_ms: number | null;
  run_num: number;
  sls: string | null;
  /** The minion's local wall-clock time `HH:MM:SS.ffffff`, no date. */
  start_time: string | null;
}

export interface StateSummary {
  total: number;
  passed: number;
  failed: number;
  changed: number;
  /** Sum of the truncated numeric durations. */
  duration_ms: number;
}

export type StateOutcome =
  | { kind: 'states'; states: StateRow[]; summary: StateSummary }
  | { kind: 'render_error'; errors: string[] }
  | { kind: 'blocked'; message: string }
  | { kind: 'other'; value: unknown };

const LOWSTATE_KEY = /^([a-z_]+)_\|-(.*?)_\|-(.*?)_\|-([a-z_]+)$/s;
const BLOCKED_PREFIXES = ['Minion did not return', 'Salt request timed out'];

/**
 * Classifies one minion's return from a state function (`state.apply`, `state.highstate`,
 * `state.sls`): a state dict, a render/compile error (a list of strings), a minion that never
 * answered (`false` or Salt's "did not return" strings), or something else.
 */
export function parseStateReturn(value: unknown): StateOutcome {
  if (isHighstateShaped(value)) {
    const states = Object.entries(value).map(([key, state]) => stateRow(key, state));
    states.sort((a, b) => a.run_num - b.run_num || a.key.localeCompare(b.key));
    return { kind: 'states', states, summary: summarizeStates(states) };
  }
  if (isStringArray(value) && value.length > 0) return { kind: 'render_error', errors: value };
  if (value === false) return { kind: 'blocked', message: 'Minion did not return' };
  if (typeof value === 'string' && BLOCKED_PREFIXES.some((prefix) => value.startsWith(prefix))) {
    return { kind: 'blocked', message: value };
  }
  return { kind: 'other', value };
}

/** Every key is a lowstate key and every value a dict holding `result` and `comment`. */
export function isHighstateShaped(value: unknown): value is Record<string, JsonObject> {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([key, state]) => LOWSTATE_KEY.test(key) && isRecord(state) && 'result' in state && 'comment' in state);
}

export function summarizeStates(states: StateRow[]): StateSummary {
  const summary: StateSummary = { total: states.length, passed: 0, failed: 0, changed: 0, duration_ms: 0 };
  for (const state of states) {
    if (state.result === true) summary.passed += 1;
    if (state.result === false) summary.failed += 1;
    if (hasChanges(state.changes)) summary.changed += 1;
    if (state.duration_ms !== null) summary.duration_ms += Math.trunc(state.duration_ms);
  }
  return summary;
}

/** A non-empty dict or list of changes. */
export function hasChanges(changes: unknown): boolean {
  if (Array.isArray(changes)) return changes.length > 0;
  return isRecord(changes) && Object.keys(changes).length > 0;
}

function stateRow(key: string, state: JsonObject): StateRow {
  const [, module = '', id = '', name = '', fun = ''] = LOWSTATE_KEY.exec(key) ?? [];
  const result = state.result;
  return {
    key,
    id: stringOrNull(state.__id__) ?? id,
    module,
    name: stringOrNull(state.name) ?? name,
    function: fun,
    result: typeof result === 'boolean' ? result : null,
    changes: state.changes ?? {},
    comment: commentText(state.comment),
    duration_ms: numberOrNull(state.duration),
    run_num: intOrNull(state.__run_num__) ?? 0,
    sls: stringOrNull(state.__sls__),
    start_time: stringOrNull(state.start_time),
  };
}

function commentText(comment: unknown): string {
  if (typeof comment === 'string') return comment;
  if (isStringArray(comment)) return comment.join('\n');
  if (comment === null || comment === undefined) return '';
  return JSON.stringify(comment);
}
