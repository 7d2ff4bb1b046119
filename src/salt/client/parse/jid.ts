/**
 * JIDs are the master's wall clock at publish time, `YYYYMMDDhhmmssffffff` (µs), optionally with a
 * `_<pid>` suffix (`unique_jid`). A stock master runs on UTC; one on local time is a known caveat,
 * so every conversion takes the master's IANA zone, defaulting to UTC. Dates keep milliseconds:
 * the last three digits of the microseconds are dropped on the way in and written as 000 on the
 * way out.
 */

const JID_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})\d{3}(?:_.+)?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const START_TIME_RE = /^(\d{4}), ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Salt's own test: 20 digits, optionally followed by `_` and a suffix. */
export function isValidJid(jid: string): boolean {
  return JID_RE.test(jid);
}

/** The instant a JID names, or null when it is not a JID or not a real date. */
export function jidToDate(jid: string, timeZone = 'UTC'): Date | null {
  const m = JID_RE.exec(jid);
  if (!m) return null;
  const [year, month, day, hour, minute, second, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return wallToDate([year, month, day, hour, minute, second, ms], timeZone);
}

/** The JID a master in `timeZone` would have issued at `date` (sub-millisecond digits 000). */
export function dateToJid(date: Date, timeZone = 'UTC'): string {
  const wall = dateToWall(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}${two(wall.getUTCMonth() + 1)}${two(wall.getUTCDate())}` +
    `${two(wall.getUTCHours())}${two(wall.getUTCMinutes())}${two(wall.getUTCSeconds())}${String(wall.getUTCMilliseconds()).padStart(3, '0')}000`;
}

/** Salt's `StartTime` format, `2026, Nov 23 07:28:14.656706` (`%Y, %b %d %H:%M:%S.%f`). */
export function formatStartTime(date: Date, timeZone = 'UTC'): string {
  const jid = dateToJid(date, timeZone);
  const month = MONTHS[Number(jid.slice(4, 6)) - 1] ?? 'Jan';
  return `${jid.slice(0, 4)}, ${month} ${jid.slice(6, 8)} ${jid.slice(8, 10)}:${jid.slice(10, 12)}:${jid.slice(12, 14)}.${jid.slice(14, 20)}`;
}

/** Parses a `StartTime` string (every English month abbreviation, unlike the reference). */
export function parseStartTime(text: string, timeZone = 'UTC'): Date | null {
  const m = START_TIME_RE.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[2] ?? '') + 1;
  if (month === 0) return null;
  const ms = Number((m[7] ?? '0').padEnd(6, '0').slice(0, 3));
  return wallToDate([Number(m[1]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms], timeZone);
}

type Wall = [year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number];

function wallToDate([year, month, day, hour, minute, second, ms]: Wall, timeZone: string): Date | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(asUtc).getUTCDate() !== day) return null;
  if (timeZone === 'UTC') return new Date(asUtc);
  // Two passes settle the offset across a DST change.
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

/** A Date whose UTC fields read as the wall clock in `timeZone`. */
function dateToWall(date: Date, timeZone: string): Date {
  if (timeZone === 'UTC') return date;
  return new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone));
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}
