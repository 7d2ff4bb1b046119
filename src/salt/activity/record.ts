import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { ActivityEventsTable } from '../../core/db/tables.js';
import type { SaltEvent } from '../client/parse/events.js';
import { stringOrNull } from '../client/parse/values.js';

/** A stored `raw_json` larger than this keeps the tag and the event minus its `return`. */
const RAW_LIMIT = 16 * 1024;

const cut = (value: string | null, max: number): string | null => (value === null ? null : value.slice(0, max));
const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/**
 * Which bus events belong in the feed. `presence.present` is a heartbeat listing every connected
 * minion and `salt/auth` repeats on every reconnect (and every few seconds while a key waits):
 * neither is news. A waiting key's first `salt/auth` is kept, see `isRepeatedPend`.
 */
export function isFeedEvent(event: SaltEvent): boolean {
  if (event.event_type === 'presence.present') return false;
  if (event.category === 'key' && 'via' in event && event.via === 'auth') return event.event_type === 'key.pend';
  return true;
}

/**
 * Identifies one bus event across server instances: every instance's consumer sees the same
 * tag and data, `_stamp` included. Null when the event has no stamp to tell repeats apart.
 */
export function fingerprint(event: SaltEvent): string | null {
  if (typeof event.raw.data._stamp !== 'string') return null;
  return createHash('sha256').update(event.raw.tag).update('\n').update(JSON.stringify(event.raw.data)).digest('hex');
}

function rawJson(event: SaltEvent): string {
  const full = JSON.stringify(event.raw);
  if (full.length <= RAW_LIMIT) return full;
  const { return: _dropped, ...rest } = event.raw.data;
  const trimmed = JSON.stringify({ tag: event.raw.tag, data: { ...rest, return_truncated: true } });
  return trimmed.length <= RAW_LIMIT ? trimmed : JSON.stringify({ tag: event.raw.tag, truncated: true });
}

/** Who dispatched the job a return belongs to, when its `job.new` was stored. */
export interface Dispatch {
  initiator: string | null;
  target: string | null;
}

/** The `activity_events` row for a normalised event, every text cut to its column. */
export function toActivityRow(event: SaltEvent, dispatch?: Dispatch): Insertable<ActivityEventsTable> {
  // A return names its user; the target is only known from the dispatch.
  const initiator = event.initiator ?? (event.event_type === 'job.ret' ? stringOrNull(event.raw.data.user) : null) ?? dispatch?.initiator ?? null;
  const target = event.target ?? dispatch?.target ?? null;
  return {
    ts: event.ts.toISOString(),
    category: event.category,
    event_type: event.event_type,
    minion_id: cut(event.minion_id, 255),
    jid: event.jid !== null && event.jid.length <= 20 ? event.jid : null,
    function: cut(event.fun, 128),
    success: flag(event.success),
    changed: flag(event.changed),
    initiator: cut(initiator, 255),
    target: cut(target, 2048),
    duration_ms: event.duration_ms === null ? null : Math.min(Math.round(event.duration_ms), 2_147_483_647),
    summary: cut(event.summary, 512) ?? '',
    raw_json: rawJson(event),
  };
}
