import { randomUUID } from 'node:crypto';
import { parseStateReturn } from '../../client/parse/highstate.js';
import { toFlag } from '../../../core/db/dialect.js';
import type { HighstateUpsert } from './repo.js';

/** The state functions whose runs count towards a minion's runs and compliance. */
export const HIGHSTATE_FUNCTIONS: ReadonlySet<string> = new Set(['state.apply', 'state.highstate', 'state.sls']);

/** Above this, `raw_result_json` keeps only the states that failed or changed something. */
const RAW_CAP_BYTES = 64 * 1024;

/** One minion's return of a job, as the ingest sees it (event, poll, detail fetch or sync run). */
export interface SeenReturn {
  jid: string;
  minion: string;
  function: string;
  /** The return itself, without Salt's `{return, retcode}` envelope. */
  value: unknown;
  retcode: number | null;
  success: boolean | null;
  startedAt: Date;
  /** When the return was seen: the ret event's stamp, else the best estimate. */
  returnedAt: Date;
}

/**
 * The `highstate_runs` row for a state job's return, or null when the function is not a state run
 * or the return is not a state result. A minion that never answered is a `blocked` run with no
 * counts; a render error counts each error as a failed state, so the minion reads as failing.
 */
export function highstateRun(seen: SeenReturn): HighstateUpsert | null {
  if (!HIGHSTATE_FUNCTIONS.has(seen.function)) return null;
  const outcome = parseStateReturn(seen.value);
  const base = {
    id: randomUUID(), minion_id: seen.minion, jid: seen.jid, function: seen.function.slice(0, 64),
    started_at: seen.startedAt.toISOString(), completed_at: seen.returnedAt.toISOString(),
  };
  const counts = { pass_count: 0, fail_count: 0, change_count: 0, total_count: 0, duration_ms: 0 };
  switch (outcome.kind) {
    case 'states': {
      const { summary } = outcome;
      return {
        ...base, pass_count: summary.passed, fail_count: summary.failed, change_count: summary.changed, total_count: summary.total,
        duration_ms: Math.round(summary.duration_ms), blocked: toFlag(false), raw_result_json: rawResult(seen.value),
      };
    }
    case 'render_error':
      return { ...base, ...counts, fail_count: outcome.errors.length, total_count: outcome.errors.length, blocked: toFlag(false), raw_result_json: JSON.stringify({ _render_error: outcome.errors }) };
    case 'blocked':
      return { ...base, ...counts, blocked: toFlag(true), raw_result_json: JSON.stringify({ _blocked: outcome.message }) };
    case 'other':
      return null;
  }
}

function rawResult(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length <= RAW_CAP_BYTES || typeof value !== 'object' || value === null) return json;
  const kept = Object.entries(value as Record<string, { result?: unknown; changes?: unknown }>).filter(
    ([, state]) => state.result === false || (typeof state.changes === 'object' && state.changes !== null && Object.keys(state.changes).length > 0),
  );
  const reduced = JSON.stringify({ ...Object.fromEntries(kept), _truncated: true });
  return reduced.length <= RAW_CAP_BYTES ? reduced : JSON.stringify({ _truncated: true });
}
