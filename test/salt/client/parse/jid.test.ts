import { describe, expect, it } from 'vitest';
import { dateToJid, formatStartTime, isValidJid, jidToDate, parseStartTime } from '../../../../src/salt/client/parse/jid.js';
import { captureReturn } from '../captures.js';

describe('JID and time', () => {
  it('reads a JID as UTC by default, to the millisecond', () => {
    expect(jidToDate('20261123072814656706')?.toISOString()).toBe('2026-11-23T07:28:14.656Z');
  });

  it('accepts the unique_jid suffix and rejects anything else', () => {
    expect(isValidJid('20261123072814656706_8812')).toBe(true);
    expect(jidToDate('20261123072814656706_8812')?.toISOString()).toBe('2026-11-23T07:28:14.656Z');
    for (const bad of ['2026112307281465670', '202611230728146567061', 'abcd1123072814656706', '20261323072814656706', '20260230072814656706']) {
      expect(jidToDate(bad)).toBeNull();
    }
  });

  it('reads a JID in the master zone when it runs on local time', () => {
    expect(jidToDate('20260602101530447120', 'Europe/Berlin')?.toISOString()).toBe('2026-06-02T08:15:30.447Z');
    expect(jidToDate('20261123072814656706', 'America/New_York')?.toISOString()).toBe('2026-11-23T12:28:14.656Z');
  });

  it('round-trips dates through JIDs in any zone', () => {
    const date = new Date('2026-03-29T01:30:00.123Z');
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles']) {
      const jid = dateToJid(date, zone);
      expect(jid).toMatch(/^\d{17}000$/);
      expect(jidToDate(jid, zone)?.getTime()).toBe(date.getTime());
    }
    expect(dateToJid(date)).toBe('20260329013000123000');
    expect(dateToJid(date, 'Europe/Berlin')).toBe('20260329033000123000');
  });

  it('agrees with every StartTime Salt derived from a JID in list_jobs.json', () => {
    const jobs = captureReturn('list_jobs.json') as Record<string, { StartTime: string }>;
    for (const [jid, job] of Object.entries(jobs)) {
      expect(parseStartTime(job.StartTime)?.getTime()).toBe(jidToDate(jid)?.getTime());
      expect(formatStartTime(jidToDate(jid) ?? new Date(0))).toBe(`${job.StartTime.slice(0, -3)}000`);
    }
  });

  it('parses every English month abbreviation (the reference only knew May)', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    months.forEach((month, index) => {
      expect(parseStartTime(`2026, ${month} 02 10:15:30.447120`)?.getUTCMonth()).toBe(index);
    });
    expect(parseStartTime('2026, Foo 02 10:15:30.447120')).toBeNull();
  });
});
