import type { Kysely } from 'kysely';
import type { AuditService } from '../../core/audit/service.js';
import type { DB } from '../../core/db/tables.js';
import { ForbiddenError, UpstreamUnavailableError } from '../../core/errors.js';
import type { Actor } from '../../core/rbac/actor.js';
import { P, type Permission } from '../../core/rbac/permissions.js';
import { can } from '../../core/rbac/rbac.js';
import type { SaltEvent } from '../client/parse/events.js';
import { createFanout, type FanoutLogger } from './fanout.js';
import { fingerprint, isFeedEvent, toActivityRow } from './record.js';
import * as repo from './repo.js';
import {
  CATEGORIES, toActivityView,
  type ActivityEventView, type ActivityList, type ActivityQuery, type Category, type WidgetConfigOut,
} from './schema.js';
import { openClientStream, type ActivityStream } from './stream.js';

/** A category is visible with its view permission on the whole family (presence events are `minion`). */
const CATEGORY_PERMISSIONS: Record<Category, Permission> = { job: P.jobsView, key: P.keysView, minion: P.minionsView };

/** The categories `actor` may see in the feed and the stream. */
export function allowedCategories(actor: Actor): Category[] {
  return CATEGORIES.filter((category) => can(actor, CATEGORY_PERMISSIONS[category], '*'));
}

export interface ActivityDeps {
  db: Kysely<DB>;
  audit: Pick<AuditService, 'recordAlone'>;
  /** Salt settings: the stream toggle, retention and the widget's configuration. */
  settings: () => {
    pollers(): Promise<{ event_stream_enabled: boolean; event_stream_retention_days: number }>;
    widget(): Promise<WidgetConfigOut>;
  };
  /** True while this instance's event consumer runs. */
  localStream: () => boolean;
  /** Redis shares the stream between instances; without it the stream is this instance's. */
  redisUrl?: string | undefined;
  logger: FanoutLogger;
  clock?: () => Date;
  /** Keepalive comment interval (15 s), events replayed on connect (100), queued per client before it is cut off (1000). */
  stream?: { keepaliveMs?: number; replay?: number; queueLimit?: number };
}

const CATCH_UP_LIMIT = 500;

export type ActivityService = ReturnType<typeof activityService>;

/**
 * The activity feed (salt-console.md §4 Activity): bus events stored in `activity_events`, listed
 * with filters, and streamed live to browsers, each seeing only the categories it may view.
 */
export function activityService(deps: ActivityDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const fanout = createFanout({ redisUrl: deps.redisUrl, logger: deps.logger });
  const keepaliveMs = deps.stream?.keepaliveMs ?? 15_000;
  const replayCount = deps.stream?.replay ?? 100;
  const queueLimit = deps.stream?.queueLimit ?? 1000;
  const streams = new Set<ActivityStream>();
  let cutOff = 0;

  /** A waiting key's `salt/auth` repeats every few seconds: store it once until its state changes. */
  async function isRepeatedPend(event: SaltEvent): Promise<boolean> {
    if (event.event_type !== 'key.pend' || event.via !== 'auth') return false;
    return (await repo.lastKeyEventType(db, event.minion_id)) === 'key.pend';
  }

  async function streamEnabled(): Promise<boolean> {
    if (!(await deps.settings().pollers()).event_stream_enabled) return false;
    return fanout.shared || deps.localStream();
  }

  return {
    async list(actor: Actor, query: ActivityQuery): Promise<ActivityList> {
      let categories: string[] = allowedCategories(actor);
      if (query.category !== undefined) categories = categories.filter((c) => c === query.category);
      if (query.categories !== undefined) {
        const wanted = new Set(query.categories.split(',').map((c) => c.trim()));
        categories = categories.filter((c) => wanted.has(c));
      }
      if (categories.length === 0) return { total: 0, events: [] };
      const since = query.since_minutes === undefined ? undefined : new Date(clock().getTime() - query.since_minutes * 60_000).toISOString();
      const filter: repo.ActivityFilter = {
        categories, minionId: query.minion_id, eventType: query.event_type, search: query.search,
        hideRoutine: query.hide_routine, hideDispatch: query.hide_dispatch, since,
      };
      const [total, rows] = await Promise.all([repo.countEvents(db, filter), repo.listEvents(db, filter, query.limit, query.offset)]);
      return { total, events: rows.map(toActivityView) };
    },

    widgetConfig: (): Promise<WidgetConfigOut> => deps.settings().widget(),

    /**
     * Stores a bus event and hands it to the live streams; null when it is not feed material or
     * another instance already stored it.
     */
    async ingest(event: SaltEvent): Promise<ActivityEventView | null> {
      if (!isFeedEvent(event) || (await isRepeatedPend(event))) return null;
      const print = fingerprint(event);
      if (print !== null && !(await fanout.claim(print))) return null;
      const dispatch = event.event_type === 'job.ret' ? await repo.jobDispatch(db, event.jid) : undefined;
      const view = toActivityView(await repo.insertEvent(db, toActivityRow(event, dispatch)));
      fanout.publish(view);
      return view;
    },

    /** Deletes events older than `event_stream_retention_days`; returns how many. */
    async prune(): Promise<number> {
      const { event_stream_retention_days: days } = await deps.settings().pollers();
      return repo.deleteBefore(db, new Date(clock().getTime() - days * 86_400_000).toISOString());
    },

    /**
     * Opens a live feed for `actor`: 503 when the event stream is off (or nothing feeds this
     * instance), 403 (audited) when the actor may see no category. It replays the newest events,
     * or those after `lastEventId` when a browser reconnects.
     */
    async openStream(actor: Actor, options: { lastEventId?: number | undefined } = {}): Promise<ActivityStream> {
      if (!(await streamEnabled())) throw new UpstreamUnavailableError('Event stream not enabled');
      const categories = allowedCategories(actor);
      if (categories.length === 0) {
        const permission = CATEGORIES.map((c) => `view:${c}:*`).join(' | ');
        await deps.audit.recordAlone(actor, { action: 'access.denied', resource: 'activity:stream', args: { permission }, decision: 'deny', resultCode: 403 });
        throw new ForbiddenError();
      }
      const { lastEventId } = options;
      const stream = await openClientStream({
        fanout, categories: new Set(categories), queueLimit, keepaliveMs,
        replay: async () => (lastEventId === undefined
          ? await repo.recentEvents(db, categories, replayCount)
          : await repo.eventsAfter(db, categories, lastEventId, CATCH_UP_LIMIT)).map(toActivityView),
        onClose: (closed) => {
          streams.delete(closed);
          if (closed.cutOff) cutOff += 1;
        },
      });
      streams.add(stream);
      return stream;
    },

    streamStats: () => ({ clients: streams.size, cutOff, shared: fanout.shared }),

    /** Resolves once events from other instances can arrive (at once without Redis). */
    ready: () => fanout.ready(),

    /** Ends every open stream and leaves Redis; called before the HTTP server closes. */
    async close(): Promise<void> {
      for (const stream of [...streams]) stream.close();
      await fanout.close();
    },
  };
}
