import { describe, expect, it } from 'vitest';
import { normalizeEvent, parseStamp, type SaltEvent, type SaltEventOf, type SaltEventType } from '../../../../src/salt/client/parse/events.js';
import { decodeSaltEvents } from '../../../../src/salt/client/sse.js';
import { captureStreamBody, chunked } from '../captures.js';

/** A captured stream through the live SSE path, cut into arbitrary chunks, then normalised. */
async function replay(name: string) {
  const raw = [];
  for await (const event of decodeSaltEvents(chunked(captureStreamBody(name)))) raw.push(event);
  const events = raw.map((event) => normalizeEvent(event)).filter((event): event is SaltEvent => event !== null);
  return { raw, events };
}

function countTypes(events: SaltEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) counts[event.event_type] = (counts[event.event_type] ?? 0) + 1;
  return counts;
}

function find<T extends SaltEventType>(events: SaltEvent[], type: T, tag: string): SaltEventOf<T> {
  const event = events.find((e) => e.event_type === type && e.raw.tag === tag);
  if (!event) throw new Error(`no ${type} event for ${tag}`);
  return event as SaltEventOf<T>;
}

describe('events_raw.txt (jobs, states, a pending key)', () => {
  it('decodes all 58 events and keeps jobs and keys, dropping bare-jid and cache-refresh tags', async () => {
    const { raw, events } = await replay('events_raw.txt');
    expect(raw).toHaveLength(58);
    expect(countTypes(events)).toEqual({ 'job.new': 15, 'job.ret': 18, 'key.pend': 3 });
  });

  it('normalises a state.apply dispatch and a changed, successful return', async () => {
    const { events } = await replay('events_raw.txt');
    expect(find(events, 'job.new', 'salt/job/20261123072910053643/new')).toMatchObject({
      category: 'job', jid: '20261123072910053643', fun: 'state.apply', initiator: 'saltapi', target: '*', target_type: 'glob',
      minions: ['cache-01', 'db-01', 'web-01'], arguments: ['hello'], minion_id: null, success: null,
      summary: 'state.apply dispatched (3 minions)', ts: new Date('2026-11-23T07:29:10.057Z'),
    });
    expect(find(events, 'job.ret', 'salt/job/20261123072910053643/ret/cache-01')).toMatchObject({
      minion_id: 'cache-01', retcode: 0, success: true, changed: true, duration_ms: 102, summary: 'cache-01 returned state.apply ✓',
    });
  });

  it('marks a failed state run, a render error and a plain function return', async () => {
    const { events } = await replay('events_raw.txt');
    expect(find(events, 'job.ret', 'salt/job/20261123072911769426/ret/db-01')).toMatchObject({ retcode: 2, success: false, changed: false, summary: 'db-01 returned state.apply ✗' });
    expect(find(events, 'job.ret', 'salt/job/20261123072918276760/ret/web-01')).toMatchObject({ retcode: 1, success: false, changed: null, duration_ms: null });
    expect(find(events, 'job.ret', 'salt/job/20261123072909783499/ret/web-01')).toMatchObject({ fun: 'test.ping', success: true, changed: null, duration_ms: null });
  });

  it('stringifies list and compound targets and reports the pending key', async () => {
    const { events } = await replay('events_raw.txt');
    expect(find(events, 'job.new', 'salt/job/20261123072919598979/new').target).toBe('web-01,db-01');
    expect(find(events, 'job.new', 'salt/job/20261123072919903441/new')).toMatchObject({ target: 'G@roles:cache or web-01', target_type: 'compound' });
    expect(events.find((e) => e.event_type === 'key.pend')).toMatchObject({ category: 'key', minion_id: 'new-01', via: 'auth', summary: 'new-01 key pending' });
  });
});

describe('events2.txt (a minion restart, runners, wheel, presence, a webhook)', () => {
  it('keeps minion starts, key events, jobs and presence; drops runner, wheel, hook and AES-rotation tags', async () => {
    const { raw, events } = await replay('events2.txt');
    expect(raw).toHaveLength(40);
    expect(countTypes(events)).toEqual({
      'key.accept': 1, 'key.pend': 9, 'minion.start': 1, 'job.new': 2, 'job.ret': 7, 'presence.change': 1, 'presence.present': 1,
    });
  });

  it('reads the minion start from its path and presence lists', async () => {
    const { events } = await replay('events2.txt');
    expect(find(events, 'minion.start', 'salt/minion/cache-01/start')).toMatchObject({ category: 'minion', minion_id: 'cache-01', summary: 'cache-01 came online' });
    expect(find(events, 'presence.change', 'salt/presence/change')).toMatchObject({ connected: ['new-01'], lost: [], summary: 'new-01 connected' });
    expect(find(events, 'presence.present', 'salt/presence/present').present).toEqual(['new-01', 'web-01', 'cache-01', 'db-01']);
    expect(find(events, 'key.accept', 'salt/auth')).toMatchObject({ minion_id: 'cache-01', via: 'auth' });
  });

  it('takes the minion from the tag path and marks failed state returns', async () => {
    const { events } = await replay('events2.txt');
    const failed = events.filter((e) => e.event_type === 'job.ret' && e.fun === 'state.apply');
    expect(failed.map((e) => [e.minion_id, e.success])).toEqual([['cache-01', false], ['db-01', false], ['web-01', false]]);
  });
});

describe('events3.txt (key accept, reject, delete through the API)', () => {
  it('turns salt/key into key actions and drops the wheel job events', async () => {
    const { raw, events } = await replay('events3.txt');
    expect(raw).toHaveLength(17);
    expect(events.map((e) => [e.event_type, e.minion_id])).toEqual([
      ['key.pend', 'new-01'], ['key.accept', 'new-01'], ['presence.present', null], ['key.reject', 'new-01'], ['key.delete', 'new-01'],
    ]);
    expect(events.filter((e) => e.category === 'key' && e.raw.tag === 'salt/key').every((e) => e.event_type !== 'key.pend' && 'via' in e && e.via === 'key')).toBe(true);
    expect(events.find((e) => e.event_type === 'key.delete')?.summary).toBe('new-01 key deleted');
  });
});

describe('normalizeEvent edge cases', () => {
  const at = () => new Date('2030-01-01T00:00:00Z');

  it('drops unknown tags, key events without an id or a known act, and job tags with bad JIDs', () => {
    expect(normalizeEvent({ tag: 'salt/beacon/web1/load/', data: {} }, at)).toBeNull();
    expect(normalizeEvent({ tag: 'salt/key', data: { act: 'accept' } }, at)).toBeNull();
    expect(normalizeEvent({ tag: 'salt/auth', data: { act: 'denied', id: 'x' } }, at)).toBeNull();
    expect(normalizeEvent({ tag: 'salt/job/123/new', data: {} }, at)).toBeNull();
    expect(normalizeEvent({ tag: 'salt/job/20261123072910053643/prog/web-01/0', data: {} }, at)).toBeNull();
  });

  it('falls back to data.id, upper-case acts, and the clock when _stamp is missing', () => {
    expect(normalizeEvent({ tag: 'salt/job/20261123072910053643/ret', data: { id: 'w1', fun: 'test.ping' } }, at)).toMatchObject({
      minion_id: 'w1', success: null, summary: 'w1 returned test.ping', ts: new Date('2030-01-01T00:00:00Z'),
    });
    expect(normalizeEvent({ tag: 'salt/key', data: { act: 'REJECT', id: 'w1' } }, at)?.event_type).toBe('key.reject');
    expect(normalizeEvent({ tag: 'salt/job/20261123072910053643/new', data: { user: 42, tgt: ['a', 'b'] } }, at)).toMatchObject({
      initiator: '42', target: 'a,b', summary: 'job dispatched (0 minions)',
    });
  });

  it('parses both _stamp formats', () => {
    expect(parseStamp('2026-06-02T10:15:30.451002')?.toISOString()).toBe('2026-06-02T10:15:30.451Z');
    expect(parseStamp('2014-01-12_01:01:49.809617')?.toISOString()).toBe('2014-01-12T01:01:49.809Z');
    expect(parseStamp('yesterday')).toBeNull();
  });
});
