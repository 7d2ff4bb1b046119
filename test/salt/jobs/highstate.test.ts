import { describe, expect, it } from 'vitest';
import { highstateRun, type SeenReturn } from '../../../src/salt/jobs/highstate/runs.js';
import { decodeReturn, encodeReturn } from '../../../src/salt/jobs/returns/codec.js';

const at = new Date('2026-05-27T14:00:00.000Z');
const seen = (value: unknown, fun = 'state.apply'): SeenReturn => ({ jid: '20260527140000000003', minion: 'web-01', function: fun, value, retcode: 0, success: true, startedAt: at, returnedAt: at });

describe('highstate runs from state returns', () => {
  it('counts passed, failed and changed states and sums whole milliseconds', () => {
    const run = highstateRun(seen({
      'pkg_|-nginx_|-nginx_|-installed': { result: true, comment: '', changes: { nginx: { new: '1.24', old: '' } }, duration: 1200.9 },
      'service_|-nginx_|-nginx_|-running': { result: false, comment: 'failed', changes: {}, duration: 10.4 },
      'file_|-conf_|-/etc/x_|-managed': { result: null, comment: 'would change', changes: {}, duration: 'n/a' },
    }));
    expect(run).toMatchObject({ pass_count: 1, fail_count: 1, change_count: 1, total_count: 3, duration_ms: 1210, blocked: 0, minion_id: 'web-01' });
  });

  it('records render errors as failures, non-answers as blocked, and skips other returns and other functions', () => {
    expect(highstateRun(seen(["Rendering SLS 'base:typo' failed"]))).toMatchObject({ fail_count: 1, total_count: 1, blocked: 0 });
    expect(highstateRun(seen('Minion did not return. [No response]'))).toMatchObject({ blocked: 1, total_count: 0 });
    expect(highstateRun(seen(false))).toMatchObject({ blocked: 1 });
    expect(highstateRun(seen({ unexpected: 'shape' }))).toBeNull();
    expect(highstateRun(seen({ 'pkg_|-a_|-a_|-installed': { result: true, comment: '' } }, 'state.test'))).toBeNull();
  });
});

describe('stored return codec', () => {
  it('keeps small returns as plain JSON, gzips larger ones, and round-trips both', () => {
    expect(encodeReturn(true)).toMatchObject({ bytes: 4, truncated: false });
    expect(encodeReturn(true).data.toString()).toBe('true');
    const big = { text: 'a'.repeat(5000) };
    const encoded = encodeReturn(big);
    expect(encoded.data.length).toBeLessThan(200);
    expect(decodeReturn(encoded.data)).toEqual(big);
    expect(decodeReturn(encodeReturn(undefined).data)).toBeNull();
  });

  it('cuts a return past the cap to a preview string and flags it', () => {
    const value = { huge: 'b'.repeat(100) };
    const encoded = encodeReturn(value, 40);
    expect(encoded).toMatchObject({ truncated: true, bytes: JSON.stringify(value).length });
    expect(decodeReturn(encoded.data)).toBe(JSON.stringify(value).slice(0, 40));
  });
});
