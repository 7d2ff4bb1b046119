import { describe, expect, it } from 'vitest';
import { parseActiveJobs, parseJobDetail, parseJobList, splitArguments } from '../../../../src/salt/client/parse/jobs.js';
import { captureJson, captureReturn } from '../captures.js';

describe('parseJobList', () => {
  it('turns list_jobs.json into rows, newest JID first, with times from the JID', () => {
    const rows = parseJobList(captureReturn('list_jobs.json'));
    expect(rows).toHaveLength(15);
    expect(rows.map((r) => r.jid)).toEqual([...rows.map((r) => r.jid)].sort().reverse());
    expect(rows.find((r) => r.jid === '20261123072814656706')).toEqual({
      jid: '20261123072814656706', function: 'test.sleep', target: '*', target_type: 'glob', user: 'saltapi',
      started_at: new Date('2026-11-23T07:28:14.656Z'), arguments: [8],
    });
  });

  it('joins a list target and keeps runner and wheel jobs as Salt labels them', () => {
    const rows = parseJobList(captureReturn('list_jobs.json'));
    expect(rows.find((r) => r.jid === '20261123072803265741')).toMatchObject({ target: 'db-01,cache-01,web-01', target_type: 'list', user: 'root' });
    expect(rows.find((r) => r.jid === '20261123072818749030')).toMatchObject({ function: 'wheel.key.finger', target: 'rig-master', user: 'UNKNOWN' });
  });

  it('reads the GET /jobs body (jobs_get.json) the same way', () => {
    const rows = parseJobList(captureReturn('jobs_get.json'));
    expect(rows).toHaveLength(16);
    expect(rows[0]?.jid).toBe('20261123072831645462');
    expect(rows.every((r) => r.started_at instanceof Date)).toBe(true);
  });

  it('skips malformed JIDs and entries, and reads JIDs in the master zone', () => {
    const value = { 'not-a-jid': { Function: 'x' }, '20260602101530447120': 'garbage', '20260602101530447121': { Function: 'test.ping', Target: ['a'] } };
    const rows = parseJobList(value, 'Europe/Berlin');
    expect(rows).toEqual([{ jid: '20260602101530447121', function: 'test.ping', target: 'a', target_type: null, user: null, started_at: new Date('2026-06-02T08:15:30.447Z'), arguments: null }]);
    expect(parseJobList('nope')).toEqual([]);
  });
});

describe('parseJobDetail', () => {
  it('turns list_job.json into the job and its per-minion results', () => {
    const detail = parseJobDetail(captureReturn('list_job.json'));
    expect(detail).toMatchObject({
      jid: '20261123072814656706', function: 'test.sleep', arguments: [8], kwargs: {}, target: '*', target_type: 'glob',
      user: 'saltapi', started_at: new Date('2026-11-23T07:28:14.656Z'), minions: ['cache-01', 'db-01', 'web-01'], missing: [],
    });
    expect(detail?.results).toEqual([
      { minion: 'cache-01', success: true, retcode: 0, return: true, out: null },
      { minion: 'db-01', success: true, retcode: 0, return: true, out: null },
      { minion: 'web-01', success: true, retcode: 0, return: true, out: null },
    ]);
  });

  it('reads GET /jobs/{jid} info[0] (jobs_jid.json) the same way', () => {
    const body = captureJson('jobs_jid.json') as { info: unknown[] };
    expect(parseJobDetail(body.info[0])).toEqual(parseJobDetail(captureReturn('list_job.json')));
  });

  it('lists minions that have not returned as missing and splits keyword arguments', () => {
    const detail = parseJobDetail({
      jid: '20261123073000000000', Function: 'state.apply', Arguments: ['hello', { __kwarg__: true, test: true }], Target: '*',
      'Target-type': 'glob', User: 'ops', Minions: ['a', 'b'], Result: { a: { return: {}, retcode: '2', success: false, out: 'highstate' } },
    });
    expect(detail).toMatchObject({ arguments: ['hello'], kwargs: { test: true }, minions: ['a', 'b'], missing: ['b'] });
    expect(detail?.results).toEqual([{ minion: 'a', success: false, retcode: 2, return: {}, out: 'highstate' }]);
  });

  it('is null for a job Salt does not know', () => {
    expect(parseJobDetail({ Error: 'Cannot contact returner or no job with this jid', StartTime: '', Result: {} })).toBeNull();
    expect(parseJobDetail({})).toBeNull();
    expect(parseJobDetail(null)).toBeNull();
  });
});

describe('parseActiveJobs', () => {
  it('turns jobs_active.json into running jobs with their minions and pids', () => {
    expect(parseActiveJobs(captureReturn('jobs_active.json'))).toEqual([{
      jid: '20261123072814656706', function: 'test.sleep', target: '*', target_type: 'glob', user: 'saltapi',
      started_at: new Date('2026-11-23T07:28:14.656Z'), arguments: [8],
      running: [{ minion: 'web-01', pid: 14785 }, { minion: 'cache-01', pid: 14784 }, { minion: 'db-01', pid: 14783 }], returned: [],
    }]);
    expect(parseActiveJobs({})).toEqual([]);
  });
});

describe('splitArguments', () => {
  it('separates positional arguments from __kwarg__ dicts', () => {
    expect(splitArguments(['a', 1, { __kwarg__: true, x: 1 }])).toEqual({ arguments: ['a', 1], kwargs: { x: 1 } });
    expect(splitArguments([{ plain: 'dict' }])).toEqual({ arguments: [{ plain: 'dict' }], kwargs: {} });
    expect(splitArguments(undefined)).toEqual({ arguments: [], kwargs: {} });
  });
});
