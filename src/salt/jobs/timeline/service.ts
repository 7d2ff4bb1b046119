import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/tables.js';
import { ValidationError } from '../../../core/errors.js';
import * as highstateRepo from '../highstate/repo.js';
import { likePattern } from '../list.js';
import type { JobsState } from '../state.js';
import * as repo from '../repo.js';
import type { BarStatus, JobActivity, Timeline, TimelineBar, TimelineGroup, TimelineQuery } from './schema.js';
import { timelineRows, type TimelineRow } from './repo.js';

const HOUR_MS = 3_600_000;
const WINDOWS: Record<string, number> = { '1h': HOUR_MS, '4h': 4 * HOUR_MS, '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };
const GROUP_BY = new Set(['function', 'user']);
const SYSTEM_PREFIXES = ['runner.', 'wheel.', 'manage.'];
const CATEGORIES = new Set(['cmd', 'manage', 'pkg', 'runner', 'service', 'state', 'test', 'wheel']);
const TIMELINE_LIMIT = 2000;

/** `cmd.run` → `cmd`; functions outside the known families are `other`. */
export function categoryOf(fun: string): string {
  const prefix = fun.split('.', 1)[0] ?? '';
  return CATEGORIES.has(prefix) ? prefix : 'other';
}

const hourLabel = (ms: number) => `${new Date(ms).toISOString().slice(0, 13)}:00:00Z`;

export type JobsTimelineService = ReturnType<typeof jobsTimelineService>;

/** The jobs page's charts: jobs per hour and the timeline of bars, both from the index. */
export function jobsTimelineService(deps: { db: Kysely<DB>; state: JobsState; clock: () => Date }) {
  const { db, state } = deps;
  const envelope = () => ({ last_polled_at: state.lastPolledAt(), active_known: state.active() !== null });

  function bar(row: TimelineRow, aggregates: Map<string, highstateRepo.HighstateAggregate>): TimelineBar {
    const aggregate = aggregates.get(row.jid);
    const isState = row.function.startsWith('state.');
    let status: BarStatus = 'pass';
    let completedAt: string | null = null;
    if (state.isRunning(row.jid)) status = 'running';
    else if (isState && aggregate) {
      status = aggregate.fail_count > 0 ? 'failed' : aggregate.change_count > 0 ? 'changed' : 'pass';
      completedAt = aggregate.completed_at;
    } else if (isState) status = 'unknown';
    return {
      jid: row.jid, function: row.function, target: row.target, user: row.user, started_at: row.started_at, completed_at: completedAt, status,
      category: categoryOf(row.function), minion_count: aggregate?.minion_count ?? row.minion_count, failed_minion_count: aggregate?.failed_minion_count ?? null,
    };
  }

  function group(bars: TimelineBar[], groupBy: string): TimelineGroup[] {
    const groups = new Map<string, TimelineGroup>();
    for (const b of bars) {
      const key = groupBy === 'user' ? b.user ?? '<unknown>' : b.function;
      let g = groups.get(key);
      if (!g) {
        const label = groupBy === 'user' ? b.user ?? '(no user)' : b.function;
        groups.set(key, (g = { key, label, category: b.category, bar_count: 0, bars: [] }));
      }
      if (g.category !== b.category) g.category = 'other';
      g.bars.push(b);
      g.bar_count += 1;
    }
    return [...groups.values()].sort((a, b) => b.bar_count - a.bar_count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  return {
    /** Jobs per hour over the last `hours` hours, bucketed on the server, oldest bucket first. */
    async activity(hours: number): Promise<JobActivity> {
      const now = deps.clock().getTime();
      const windowStart = Math.floor(now / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
      const counts = new Array<number>(hours).fill(0);
      for (const startedAt of await repo.startTimesSince(db, new Date(windowStart).toISOString())) {
        const index = Math.floor((Date.parse(startedAt) - windowStart) / HOUR_MS);
        if (index >= 0 && index < hours) counts[index] = (counts[index] ?? 0) + 1;
      }
      const buckets = counts.map((count, i) => ({ hour_start: hourLabel(windowStart + i * HOUR_MS), count }));
      return { hours, buckets, total: counts.reduce((a, b) => a + b, 0), running: state.active()?.jids.size ?? 0, ...envelope() };
    },

    /** Bars for the jobs of a window, grouped by function or user; state jobs coloured by their runs. */
    async timeline(query: TimelineQuery): Promise<Timeline> {
      const span = WINDOWS[query.window];
      if (span === undefined) throw new ValidationError('Invalid window', [{ field: 'window', message: 'must be one of 1h, 4h, 24h, 7d' }], 422);
      if (!GROUP_BY.has(query.group_by)) throw new ValidationError('Invalid group_by', [{ field: 'group_by', message: 'must be function or user' }], 422);
      const now = deps.clock();
      const since = new Date(now.getTime() - span).toISOString();
      const rows = await timelineRows(db, {
        since, user: query.user || undefined, excludePrefixes: query.include_system ? [] : SYSTEM_PREFIXES,
        functionLike: query.function_filter ? likePattern(query.function_filter, 'substring') : undefined,
      }, TIMELINE_LIMIT);
      const aggregates = await highstateRepo.aggregateByJid(db, rows.filter((r) => r.function.startsWith('state.')).map((r) => r.jid));
      const bars = rows.map((row) => bar(row, aggregates));
      return { window_start: since, window_end: now.toISOString(), group_by: query.group_by, groups: group(bars, query.group_by), total_bars: bars.length, ...envelope() };
    },
  };
}
