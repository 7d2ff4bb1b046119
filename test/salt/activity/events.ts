import { normalizeEvent, type SaltEvent } from '../../../src/salt/client/parse/events.js';

/** A stamp as Salt writes it (`2026-06-02T10:15:30.451002`, UTC, no zone), `minutesAgo` before now. */
export function saltStamp(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000).toISOString().replace('Z', '000');
}

let sequence = 0;

/** A bus event as the consumer would hand it over; each one unique (its stamp differs by microseconds). */
export function busEvent(tag: string, data: Record<string, unknown>, minutesAgo = 0): SaltEvent {
  sequence += 1;
  const stamp = saltStamp(minutesAgo).replace(/\d{3}$/, String(sequence % 1000).padStart(3, '0'));
  const event = normalizeEvent({ tag, data: { ...data, _stamp: stamp } });
  if (!event) throw new Error(`${tag} is not a tracked event`);
  return event;
}

/** A 20-digit jid, unique per call. */
export function jid(): string {
  sequence += 1;
  return `2026060210${String(sequence).padStart(10, '0')}`;
}

const state = (changes: object) => ({ 'pkg_|-nginx_|-nginx_|-installed': { result: true, comment: 'ok', changes, duration: 12.4, __run_num__: 0 } });

/** One highstate's dispatch and three returns: changed, routine (no change), failed. */
export function highstateJob(id = jid(), minutesAgo = 50) {
  return [
    busEvent(`salt/job/${id}/new`, { jid: id, fun: 'state.apply', user: 'alice', tgt: 'web*', tgt_type: 'glob', minions: ['web-01', 'web-02', 'db-01'], arg: [] }, minutesAgo),
    busEvent(`salt/job/${id}/ret/web-01`, { id: 'web-01', fun: 'state.apply', retcode: 0, return: state({ new: '1.24' }) }, minutesAgo - 1),
    busEvent(`salt/job/${id}/ret/web-02`, { id: 'web-02', fun: 'state.apply', retcode: 0, return: state({}) }, minutesAgo - 1),
    busEvent(`salt/job/${id}/ret/db-01`, { id: 'db-01', fun: 'state.apply', retcode: 2, return: state({}) }, minutesAgo - 1),
  ];
}
