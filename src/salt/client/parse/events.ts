import { hasChanges, isHighstateShaped } from './highstate.js';
import { intOrNull, isRecord, isStringArray, type JsonObject, numberOrNull, stringOrNull, targetString } from './values.js';

/** An event as it arrives on `/events`: the tag and the inner `data` object. */
export interface RawSaltEvent {
  tag: string;
  data: JsonObject;
}

/** Fields every normalised event carries (the activity feed's columns). */
interface EventBase {
  /** From the event's `_stamp` (UTC), else the time it was normalised. */
  ts: Date;
  minion_id: string | null;
  jid: string | null;
  fun: string | null;
  success: boolean | null;
  changed: boolean | null;
  initiator: string | null;
  target: string | null;
  duration_ms: number | null;
  summary: string;
  raw: RawSaltEvent;
}

export interface JobNewEvent extends EventBase {
  category: 'job';
  event_type: 'job.new';
  jid: string;
  target_type: string | null;
  minions: string[];
  arguments: unknown[];
}

export interface JobRetEvent extends EventBase {
  category: 'job';
  event_type: 'job.ret';
  jid: string;
  minion_id: string;
  retcode: number | null;
}

export interface MinionStartEvent extends EventBase {
  category: 'minion';
  event_type: 'minion.start';
  minion_id: string;
}

export interface KeyEvent extends EventBase {
  category: 'key';
  event_type: 'key.accept' | 'key.reject' | 'key.delete' | 'key.pend';
  minion_id: string;
  /** `auth`: a minion authenticated (Salt repeats these on every reconnect and every ~8 s while a key is pending); `key`: a key was changed. */
  via: 'auth' | 'key';
}

/** `salt/presence/present` (only with `presence_events: True`): every connected minion. */
export interface PresenceEvent extends EventBase {
  category: 'minion';
  event_type: 'presence.present';
  present: string[];
}

/** `salt/presence/change`: the set of connected minions changed. */
export interface PresenceChangeEvent extends EventBase {
  category: 'minion';
  event_type: 'presence.change';
  connected: string[];
  lost: string[];
}

export type SaltEvent = JobNewEvent | JobRetEvent | MinionStartEvent | KeyEvent | PresenceEvent | PresenceChangeEvent;
export type SaltEventType = SaltEvent['event_type'];
/** The event variant for one `event_type` (`SaltEventOf<'key.accept'>` is a `KeyEvent`). */
export type SaltEventOf<T extends SaltEventType> = SaltEvent extends infer E ? (E extends { event_type: infer K } ? (T extends K ? E : never) : never) : never;

const JOB_TAG = /^salt\/job\/(\d{20})\/(new|ret)(?:\/(.+))?$/;
const MINION_START_TAG = /^salt\/minion\/(.+)\/start$/;
const KEY_ACTS: Record<string, { type: KeyEvent['event_type']; word: string }> = {
  accept: { type: 'key.accept', word: 'accepted' },
  reject: { type: 'key.reject', word: 'rejected' },
  delete: { type: 'key.delete', word: 'deleted' },
  pend: { type: 'key.pend', word: 'pending' },
};

/** Turns a raw bus event into a typed event, or null for tags the console does not track. */
export function normalizeEvent(event: RawSaltEvent, now: () => Date = () => new Date()): SaltEvent | null {
  const base = baseFields(event, now);
  const job = JOB_TAG.exec(event.tag);
  if (job) return job[2] === 'new' ? jobNew(base, job[1] ?? '') : jobRet(base, job[1] ?? '', job[3]);
  const start = MINION_START_TAG.exec(event.tag);
  if (start?.[1]) return { ...base, category: 'minion', event_type: 'minion.start', minion_id: start[1], summary: `${start[1]} came online` };
  if (event.tag === 'salt/key' || event.tag === 'salt/auth') return keyEvent(base);
  if (event.tag === 'salt/presence/present' || event.tag === 'salt/presence/change') return presence(base);
  return null;
}

/** Parses `_stamp` (`2026-06-02T10:15:30.451002`, UTC, no zone; very old Salt used `_` for `T`). */
export function parseStamp(stamp: unknown): Date | null {
  if (typeof stamp !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T_](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(stamp);
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}.${(m[3] ?? '0').padEnd(3, '0').slice(0, 3)}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function baseFields(event: RawSaltEvent, now: () => Date): EventBase {
  const { data } = event;
  return {
    ts: parseStamp(data._stamp) ?? now(),
    minion_id: null, jid: null, fun: stringOrNull(data.fun), success: null, changed: null,
    initiator: null, target: null, duration_ms: null, summary: '', raw: event,
  };
}

function jobNew(base: EventBase, jid: string): JobNewEvent {
  const { data } = base.raw;
  const minions = isStringArray(data.minions) ? data.minions : [];
  return {
    ...base, category: 'job', event_type: 'job.new', jid,
    initiator: data.user === undefined || data.user === null ? null : String(data.user),
    target: targetString(data.tgt), target_type: stringOrNull(data.tgt_type), minions,
    arguments: Array.isArray(data.arg) ? data.arg : [],
    summary: `${base.fun ?? 'job'} dispatched (${minions.length} minions)`,
  };
}

function jobRet(base: EventBase, jid: string, pathMinion: string | undefined): JobRetEvent {
  const { data } = base.raw;
  const minion = pathMinion ?? stringOrNull(data.id) ?? '';
  const retcode = intOrNull(data.retcode);
  const success = retcode === null ? null : retcode === 0;
  const mark = success === null ? '' : success ? ' ✓' : ' ✗';
  return {
    ...base, category: 'job', event_type: 'job.ret', jid, minion_id: minion, retcode, success,
    changed: isHighstateShaped(data.return) ? Object.values(data.return).some((s) => isTruthyChange(s.changes)) : null,
    duration_ms: stateDuration(data.return),
    summary: `${minion} returned ${base.fun ?? 'job'}${mark}`,
  };
}

function keyEvent(base: EventBase): KeyEvent | null {
  const { tag, data } = base.raw;
  const act = KEY_ACTS[String(data.act ?? '').toLowerCase()];
  const id = stringOrNull(data.id);
  if (!act || !id) return null;
  return { ...base, category: 'key', event_type: act.type, minion_id: id, via: tag === 'salt/auth' ? 'auth' : 'key', summary: `${id} key ${act.word}` };
}

function presence(base: EventBase): PresenceEvent | PresenceChangeEvent {
  const { tag, data } = base.raw;
  if (tag === 'salt/presence/present') {
    const present = isStringArray(data.present) ? data.present : [];
    return { ...base, category: 'minion', event_type: 'presence.present', present, summary: `${present.length} minions connected` };
  }
  const connected = isStringArray(data.new) ? data.new : [];
  const lost = isStringArray(data.lost) ? data.lost : [];
  const parts = [...connected.map((id) => `${id} connected`), ...lost.map((id) => `${id} disconnected`)];
  return { ...base, category: 'minion', event_type: 'presence.change', connected, lost, summary: parts.join(', ') || 'presence unchanged' };
}

function isTruthyChange(changes: unknown): boolean {
  return hasChanges(changes) || (typeof changes === 'string' && changes !== '');
}

function stateDuration(value: unknown): number | null {
  if (!isRecord(value)) return null;
  let total = 0;
  let seen = false;
  for (const state of Object.values(value)) {
    const duration = isRecord(state) ? numberOrNull(state.duration) : null;
    if (duration === null) continue;
    total += duration;
    seen = true;
  }
  return seen ? Math.round(total) : null;
}
