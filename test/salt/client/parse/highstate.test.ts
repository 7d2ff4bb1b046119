import { describe, expect, it } from 'vitest';
import { isHighstateShaped, parseStateReturn } from '../../../../src/salt/client/parse/highstate.js';
import { parseStateJob, unwrapMinionReturn } from '../../../../src/salt/client/parse/highstate-job.js';
import { captureReturn } from '../captures.js';

function statesOf(value: unknown) {
  const outcome = parseStateReturn(value);
  if (outcome.kind !== 'states') throw new Error(`expected states, got ${outcome.kind}`);
  return outcome;
}

describe('parseStateReturn', () => {
  it('orders state_apply.json rows by __run_num__ and splits the lowstate key', () => {
    const perMinion = captureReturn('state_apply.json') as Record<string, unknown>;
    const { states, summary } = statesOf(perMinion['cache-01']);
    expect(states.map((s) => s.run_num)).toEqual([0, 1, 2, 3]);
    expect(states[0]).toEqual({
      key: 'file_|-hello_dir_|-/srv/app/cache-01_|-directory', id: 'hello_dir', module: 'file', name: '/srv/app/cache-01',
      function: 'directory', result: true, changes: { '/srv/app/cache-01': { directory: 'new' } }, comment: '', duration_ms: 66.298,
      run_num: 0, sls: 'hello', start_time: '07:29:11.129030',
    });
    expect(states[2]).toMatchObject({ module: 'cmd', id: 'hello_cmd', name: 'echo hello from cache-01', function: 'run' });
    expect(states[3]).toMatchObject({ function: 'succeed_without_changes', changes: {}, comment: 'Success!' });
    expect(summary).toEqual({ total: 4, passed: 4, failed: 0, changed: 3, duration_ms: 100 });
  });

  it('counts failures in state_broken.json, requisite failures included', () => {
    const { states, summary } = statesOf((captureReturn('state_broken.json') as Record<string, unknown>)['db-01']);
    expect(states.map((s) => [s.id, s.result])).toEqual([['always_fails', false], ['depends_on_failure', false]]);
    expect(states[1]?.comment).toBe('One or more requisite failed: broken.always_fails');
    expect(summary).toEqual({ total: 2, passed: 0, failed: 2, changed: 0, duration_ms: 0 });
  });

  it('reads state_highstate.json (state.highstate) like state.apply', () => {
    const { summary } = statesOf((captureReturn('state_highstate.json') as Record<string, unknown>)['cache-01']);
    expect(summary).toEqual({ total: 4, passed: 4, failed: 0, changed: 1, duration_ms: 102 });
  });

  it('recognises the render error in state_missing.json', () => {
    expect(parseStateReturn((captureReturn('state_missing.json') as Record<string, unknown>)['web-01'])).toEqual({
      kind: 'render_error', errors: ["No matching sls found for 'doesnotexist' in env 'base'"],
    });
  });

  it('treats minions that never answered as blocked', () => {
    expect(parseStateReturn('Minion did not return. [No response]')).toEqual({ kind: 'blocked', message: 'Minion did not return. [No response]' });
    expect(parseStateReturn('Salt request timed out. The master is not responding.')).toMatchObject({ kind: 'blocked' });
    expect(parseStateReturn(false)).toEqual({ kind: 'blocked', message: 'Minion did not return' });
  });

  it('leaves non-state returns alone (ping.json, lookup_jid.json, an exception string)', () => {
    for (const value of Object.values(captureReturn('ping.json') as Record<string, unknown>)) {
      expect(parseStateReturn(value)).toEqual({ kind: 'other', value: true });
    }
    expect(parseStateReturn("'state.nope' is not available.").kind).toBe('other');
    expect(parseStateReturn({})).toEqual({ kind: 'other', value: {} });
    expect(isHighstateShaped({ 'file_|-a_|-b_|-managed': { result: true } })).toBe(false);
    expect(isHighstateShaped({ 'not a key': { result: true, comment: '' } })).toBe(false);
  });

  it('stringifies list comments and keeps a missing duration as null', () => {
    const { states, summary } = statesOf({ 'pkg_|-nginx_|-nginx_|-installed': { result: true, comment: ['line 1', 'line 2'], changes: { nginx: { old: '', new: '1.22' } } } });
    expect(states[0]).toMatchObject({ comment: 'line 1\nline 2', duration_ms: null, run_num: 0, sls: null, id: 'nginx' });
    expect(summary).toEqual({ total: 1, passed: 1, failed: 0, changed: 1, duration_ms: 0 });
  });
});

describe('parseStateJob', () => {
  it('summarises state_apply.json over its three minions', () => {
    const { minions, summary } = parseStateJob(captureReturn('state_apply.json'));
    expect(minions.map((m) => [m.minion, m.kind])).toEqual([['cache-01', 'states'], ['db-01', 'states'], ['web-01', 'states']]);
    expect(summary).toEqual({
      total_minions: 3, minions_all_success: 3, minions_with_failures: 0, minions_non_highstate: 0, minions_blocked: 0,
      minions_render_error: 0, total_state_failures: 0, total_states_with_changes: 9,
    });
  });

  it('unwraps a full_return answer (state_test_full.json): test mode gives result null', () => {
    const { minions, summary } = parseStateJob(captureReturn('state_test_full.json'));
    const web = minions[0];
    expect(web).toMatchObject({ minion: 'web-01', kind: 'states', retcode: 0, success: null });
    if (web?.kind !== 'states') throw new Error('expected states');
    expect(web.states.map((s) => s.result)).toEqual([true, true, null, true]);
    expect(web.summary).toEqual({ total: 4, passed: 3, failed: 0, changed: 1, duration_ms: 41 });
    expect(summary?.minions_all_success).toBe(1);
  });

  it('unwraps jobs.lookup_jid\'s outputter wrapper (lookup_jid_state.json)', () => {
    const { minions } = parseStateJob(captureReturn('lookup_jid_state.json'));
    expect(minions).toHaveLength(1);
    expect(minions[0]).toMatchObject({ minion: 'web-01', kind: 'states', summary: { total: 4, passed: 4, changed: 1, duration_ms: 59 } });
  });

  it('reads jobs.list_job Result entries and counts failures, render errors and blocked minions', () => {
    const broken = (captureReturn('state_broken.json') as Record<string, unknown>)['db-01'];
    const { summary, minions } = parseStateJob({
      'db-01': { return: broken, retcode: 2, success: false, out: 'highstate' },
      'web-01': { return: ["No matching sls found for 'x' in env 'base'"], retcode: 1, success: false, out: 'highstate' },
      'cache-01': 'Minion did not return. [No response]',
    });
    expect(minions.find((m) => m.minion === 'db-01')).toMatchObject({ kind: 'states', retcode: 2, success: false });
    expect(summary).toEqual({
      total_minions: 3, minions_all_success: 0, minions_with_failures: 2, minions_non_highstate: 0, minions_blocked: 1,
      minions_render_error: 1, total_state_failures: 2, total_states_with_changes: 0,
    });
  });

  it('has no summary for a job that ran no states (lookup_jid.json, ping_full.json)', () => {
    expect(parseStateJob(captureReturn('lookup_jid.json')).summary).toBeNull();
    const full = parseStateJob(captureReturn('ping_full.json'));
    expect(full.summary).toBeNull();
    expect(full.minions[0]).toMatchObject({ minion: 'web-01', kind: 'other', value: true, retcode: 0 });
    expect(unwrapMinionReturn({ os: 'Debian' })).toEqual({ os: 'Debian' });
  });
});
