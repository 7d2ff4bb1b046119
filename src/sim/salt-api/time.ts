/** Salt's time formats: JIDs, job-cache StartTime strings, event `_stamp`s, state `start_time`s. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

let lastMicros = 0;

/** Wall clock in microseconds, strictly increasing so two JIDs never collide. */
export function nowMicros(): number {
  const micros = Date.now() * 1000 + Math.floor((performance.now() * 1000) % 1000);
  lastMicros = Math.max(lastMicros + 1, micros);
  return lastMicros;
}

interface Parts {
  y: string; mo: string; d: string; h: string; mi: string; s: string; us: string; date: Date;
}

function parts(micros: number): Parts {
  const date = new Date(Math.floor(micros / 1000));
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return {
    y: String(date.getUTCFullYear()), mo: p2(date.getUTCMonth() + 1), d: p2(date.getUTCDate()),
    h: p2(date.getUTCHours()), mi: p2(date.getUTCMinutes()), s: p2(date.getUTCSeconds()),
    us: String(Math.floor(micros % 1_000_000)).padStart(6, '0'), date,
  };
}

/** `YYYYMMDDhhmmssffffff`, the master's UTC clock at publish time. */
export function jidFromMicros(micros: number): string {
  const p = parts(micros);
  return `${p.y}${p.mo}${p.d}${p.h}${p.mi}${p.s}${p.us}`;
}

export function newJid(): string {
  return jidFromMicros(nowMicros());
}

export function isValidJid(jid: string): boolean {
  return /^\d{20}(_.*)?$/.test(jid);
}

/** Microseconds since the epoch encoded in a JID (NaN for an invalid one). */
export function jidToMicros(jid: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{6})/.exec(jid);
  if (!m) return Number.NaN;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0] = m.slice(1).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
}

/** `"2026, Nov 23 07:28:14.656706"`, as `salt.utils.jid.jid_to_time` writes it; "" for a bad JID. */
export function jidToTime(jid: string): string {
  if (!isValidJid(jid)) return '';
  const p = parts(jidToMicros(jid));
  return `${p.y}, ${MONTHS[p.date.getUTCMonth()]} ${p.d} ${p.h}:${p.mi}:${p.s}.${p.us}`;
}

/** Event `_stamp`: ISO-8601 UTC without zone, microsecond precision. */
export function stamp(micros: number = nowMicros()): string {
  const p = parts(micros);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}.${p.us}`;
}

/** A state's `start_time`: the minion's wall-clock time of day, no date. */
export function timeOfDay(micros: number): string {
  const p = parts(micros);
  return `${p.h}:${p.mi}:${p.s}.${p.us}`;
}

/** `"Mon Nov 23 07:30:42 2026"`, Python's `time.asctime()`, used in minion start events. */
export function asctime(micros: number): string {
  const p = parts(micros);
  const day = String(p.date.getUTCDate()).padStart(2, ' ');
  return `${DAYS[p.date.getUTCDay()]} ${MONTHS[p.date.getUTCMonth()]} ${day} ${p.h}:${p.mi}:${p.s} ${p.y}`;
}

/**
 * Parses the date strings `jobs.list_jobs` accepts (dateutil is lenient): Salt's own StartTime
 * format, ISO-8601 and anything `Date.parse` understands. Naive times are read as UTC.
 * Returns microseconds, or NaN.
 */
export function parseSaltTime(text: string): number {
  const salt = /^(\d{4}), (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (salt) {
    const [, y, mon, d, h, mi, s, frac] = salt;
    const month = MONTHS.indexOf(mon ?? '');
    if (month < 0) return Number.NaN;
    const micros = Number((frac ?? '0').padEnd(6, '0'));
    return Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s)) * 1000 + micros;
  }
  const iso = text.trim().replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const ms = Date.parse(hasZone || !iso.includes('T') ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? Number.NaN : ms * 1000;
}
