import type { MinionResult } from '../client/parse/jobs.js';
import { isRecord, stringOrNull } from '../client/parse/values.js';

/** One minion's answer to a waited-for run; `jid` is known when Salt sent the `full_return` envelope. */
export type SyncResult = MinionResult & { jid: string | null };

/** `full_return` answers (`{ret, retcode, jid}`) or bare values, by minion; `false` is a minion that did not answer. */
export function syncResults(returns: Record<string, unknown>): SyncResult[] {
  const results: SyncResult[] = [];
  for (const [minion, raw] of Object.entries(returns)) {
    if (isRecord(raw) && 'ret' in raw) {
      const retcode = typeof raw.retcode === 'number' ? raw.retcode : null;
      results.push({ minion, jid: stringOrNull(raw.jid), success: retcode === null ? null : retcode === 0, retcode, return: raw.ret, out: stringOrNull(raw.out) });
    } else {
      results.push({ minion, jid: null, success: null, retcode: null, return: raw, out: null });
    }
  }
  return results.sort((a, b) => a.minion.localeCompare(b.minion));
}
