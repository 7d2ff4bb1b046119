import type { JobDetail, MinionResult, MinionStates, StateJobSummary, StateRow } from '../api/types';

// salt-console.md §5.3: `<module>_|-<id>_|-<name>_|-<function>`.
const LOWSTATE_KEY = /^([a-z_]+)_\|-(.*?)_\|-(.*?)_\|-([a-z_]+)$/s;
const BLOCKED_PREFIXES = ['Minion did not return', 'Salt request timed out'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A state function's job: `state.highstate`, `state.apply`, `state.sls`, … */
export const isStateFunction = (fun: string) => fun.startsWith('state.');

/** A non-empty dict whose every key is a lowstate key and every value holds `result` and `comment`. */
function isHighstateShaped(value: unknown): value is Record<string, Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([key, state]) => LOWSTATE_KEY.test(key) && isRecord(state) && 'result' in state && 'comment' in state)
  );
}

const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('\n');
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
};

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function hasChanges(changes: unknown): boolean {
  if (Array.isArray(changes)) return changes.length > 0;
  return isRecord(changes) && Object.keys(changes).length > 0;
}

function stateRow(key: string, state: Record<string, unknown>): StateRow {
  const [, module = '', id = '', name = '', fun = ''] = LOWSTATE_KEY.exec(key) ?? [];
  return {
    id: typeof state.__id__ === 'string' ? state.__id__ : id,
    module,
    name: typeof state.name === 'string' ? state.name : name,
    function: fun,
    result: typeof state.result === 'boolean' ? state.result : null,
    changes: state.changes ?? {},
    comment: text(state.comment),
    duration_ms: numberOrNull(state.duration),
    run_num: numberOrNull(state.__run_num__) ?? 0,
    sls: typeof state.__sls__ === 'string' ? state.__sls__ : null,
  };
}

/** Counts of a minion's state rows (passed, failed, changed, total, summed duration). */
export function summarizeRows(rows: StateRow[]): Omit<MinionStates, 'rows' | 'blocked'> {
  const counts = { passed: 0, failed: 0, changed: 0, total: rows.length, duration_ms: 0 };
  for (const row of rows) {
    if (row.result === true) counts.passed += 1;
    if (row.result === false) counts.failed += 1;
    if (hasChanges(row.changes)) counts.changed += 1;
    if (row.duration_ms !== null) counts.duration_ms += Math.trunc(row.duration_ms);
  }
  return counts;
}

/** One minion's return parsed into state rows sorted by run number; null when it is not a state return. */
export function parseHighstate(value: unknown): MinionStates | null {
  if (typeof value === 'string' && BLOCKED_PREFIXES.some((prefix) => value.startsWith(prefix))) {
    return { kind: 'blocked', rows: [], passed: 0, failed: 0, changed: 0, total: 0, duration_ms: 0, blocked: true, errors: [value] };
  }
  const errors = renderErrors(value);
  if (errors) return { kind: 'render_error', rows: [], passed: 0, failed: 0, changed: 0, total: 0, duration_ms: 0, blocked: false, errors };
  if (!isHighstateShaped(value)) return null;
  const rows = Object.entries(value)
    .map(([key, state]) => stateRow(key, state))
    .sort((a, b) => a.run_num - b.run_num);
  return { kind: 'states', rows, ...summarizeRows(rows), blocked: false, errors: [] };
}

/** A render or compile error: a state function returning a list of messages. */
export function renderErrors(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((item) => typeof item === 'string') ? (value as string[]) : null;
}

/** The state runs of a job: the server's when it sent them, otherwise parsed here. */
export function jobStates(job: JobDetail): Record<string, MinionStates> | null {
  if (!isStateFunction(job.function)) return null;
  if (job.states) return job.states;
  const states: Record<string, MinionStates> = {};
  for (const result of job.results) {
    const parsed = parseHighstate(result.return_value);
    if (parsed) states[result.minion] = parsed;
  }
  return Object.keys(states).length > 0 ? states : null;
}

/** A minion failed when Salt says so, a state failed, or the state run did not render. */
export function minionFailed(result: MinionResult, states: MinionStates | undefined): boolean {
  if (result.success === false) return true;
  if (states && (states.failed > 0 || states.kind === 'render_error')) return true;
  if (result.retcode !== null && result.retcode !== 0) return true;
  return states === undefined && renderErrors(result.return_value) !== null;
}

/** The job-level summary (§5.3): the server's, or counted from the parsed runs. */
export function jobSummary(job: JobDetail, states: Record<string, MinionStates> | null): StateJobSummary | null {
  if (job.summary) return job.summary;
  if (!states) return null;
  const summary: StateJobSummary = {
    total_minions: job.results.length,
    minions_all_success: 0,
    minions_with_failures: 0,
    minions_non_highstate: 0,
    total_state_failures: 0,
    total_states_with_changes: 0,
  };
  for (const result of job.results) {
    const run = states[result.minion];
    if (run?.kind === 'render_error') {
      summary.minions_with_failures += 1;
      continue;
    }
    if (!run || run.blocked || run.kind === 'other') {
      summary.minions_non_highstate += 1;
      continue;
    }
    summary.total_state_failures += run.failed;
    summary.total_states_with_changes += run.changed;
    if (minionFailed(result, run)) summary.minions_with_failures += 1;
    else summary.minions_all_success += 1;
  }
  return summary;
}

/** Targeted minions that have not returned: the server's list, or worked out from the results. */
export function missingMinions(job: JobDetail): string[] {
  if (job.missing) return job.missing;
  const returned = new Set(job.results.map((result) => result.minion));
  return job.minions.filter((minion) => !returned.has(minion));
}

/** `1.2 s`, `340 ms`: a state or run duration. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}
