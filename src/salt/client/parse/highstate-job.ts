import { parseStateReturn, type StateOutcome } from './highstate.js';
import { boolOrNull, intOrNull, isRecord } from './values.js';

/** One minion of a state job, with the success/retcode Salt recorded when it was available. */
export type MinionStateReport = StateOutcome & { minion: string; success: boolean | null; retcode: number | null };

export interface StateJobSummary {
  total_minions: number;
  minions_all_success: number;
  minions_with_failures: number;
  minions_non_highstate: number;
  minions_blocked: number;
  minions_render_error: number;
  total_state_failures: number;
  total_states_with_changes: number;
}

/**
 * A state job's per-minion values, in any of the shapes Salt hands them out: a `local` return
 * (`{minion: states}`), a `full_return` (`{minion: {ret, retcode, jid}}`), `jobs.list_job`'s
 * `Result` (`{minion: {return, retcode, success}}`) or `jobs.lookup_jid`'s
 * `{outputter: "highstate", data: {...}}`. The summary is null when no minion ran states.
 */
export function parseStateJob(value: unknown): { minions: MinionStateReport[]; summary: StateJobSummary | null } {
  const perMinion = unwrapLookupJid(value);
  const minions = Object.entries(perMinion)
    .map(([minion, raw]) => ({ minion, ...wrapperFields(raw), ...parseStateReturn(unwrapMinionReturn(raw)) }))
    .sort((a, b) => a.minion.localeCompare(b.minion));
  return { minions, summary: summarizeJob(minions) };
}

/** `jobs.lookup_jid` wraps returns that carry an outputter; this strips the wrapper. */
export function unwrapLookupJid(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  if (typeof value.outputter === 'string' && isRecord(value.data)) return value.data;
  return value;
}

/** A minion value without its job-cache (`return`) or `full_return` (`ret`) envelope. */
export function unwrapMinionReturn(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if ('return' in value && ('retcode' in value || 'success' in value || 'out' in value)) return value.return;
  if ('ret' in value && ('retcode' in value || 'jid' in value)) return value.ret;
  return value;
}

function wrapperFields(raw: unknown): { success: boolean | null; retcode: number | null } {
  if (!isRecord(raw) || !('return' in raw || 'ret' in raw)) return { success: null, retcode: null };
  return { success: boolOrNull(raw.success), retcode: intOrNull(raw.retcode) };
}

function summarizeJob(minions: MinionStateReport[]): StateJobSummary | null {
  if (!minions.some((m) => m.kind === 'states' || m.kind === 'render_error')) return null;
  const summary: StateJobSummary = {
    total_minions: minions.length, minions_all_success: 0, minions_with_failures: 0, minions_non_highstate: 0,
    minions_blocked: 0, minions_render_error: 0, total_state_failures: 0, total_states_with_changes: 0,
  };
  for (const minion of minions) {
    if (minion.kind === 'states') {
      summary.total_state_failures += minion.summary.failed;
      summary.total_states_with_changes += minion.summary.changed;
      if (minion.summary.failed > 0 || minion.success === false) summary.minions_with_failures += 1;
      else summary.minions_all_success += 1;
    } else if (minion.kind === 'render_error') {
      summary.minions_render_error += 1;
      summary.minions_with_failures += 1;
    } else if (minion.kind === 'blocked') {
      summary.minions_blocked += 1;
    } else {
      summary.minions_non_highstate += 1;
    }
  }
  return summary;
}
