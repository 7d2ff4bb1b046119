import { describe, expect, it } from 'vitest';
import { captureJson } from './support.js';
import { shapeDiff, type Json } from './shape.js';

/** The comparer must be able to fail, or the fidelity tests prove nothing. */
describe('shapeDiff', () => {
  const ids = { knownIds: ['web-01', 'db-01', 'cache-01'] };

  it('accepts different minion ids and values of the same types', () => {
    expect(shapeDiff({ return: [{ 'web-01': true }] }, { return: [{ 'app-07': false, 'db-02': true }] }, ids)).toEqual([]);
  });

  it('reports a missing or extra key, a wrong type, and list-vs-dict', () => {
    expect(shapeDiff({ a: 1, b: 'x' }, { a: 1 })).toEqual([': missing keys b']);
    expect(shapeDiff({ a: 1 }, { a: 1, c: 2 })).toEqual([': unexpected keys c']);
    expect(shapeDiff({ a: 1 }, { a: '1' })).toEqual(['a: expected number, got string']);
    expect(shapeDiff({ a: [] }, { a: {} })).toEqual(['a: expected array, got object']);
    expect(shapeDiff({ a: null }, { a: false })).toEqual(['a: expected null, got boolean']);
  });

  it('checks every map value against the captured values', () => {
    const capture = { return: [{ 'web-01': { ret: true, retcode: 0 } }] };
    expect(shapeDiff(capture, { return: [{ 'x-1': { ret: true, retcode: 0 }, 'x-2': { ret: true } }] }, ids)).toEqual(['return.[].{}: missing keys retcode']);
    expect(shapeDiff(capture, { return: [{}] }, ids)).toEqual(['return.[]: expected a non-empty map']);
  });

  it('catches a grains dict that lost one grain', () => {
    const capture = captureJson('grains_items.json') as { return: Record<string, Record<string, Json>>[] };
    const grains = { ...capture.return[0]?.['web-01'] };
    delete grains.osfinger;
    expect(shapeDiff(capture, { return: [{ 'web-09': grains }] }, ids)).toEqual(['return.[].{}: missing keys osfinger']);
  });
});
