import { describe, expect, it } from 'vitest';
import { parseKeyBuckets } from '../../../../src/salt/client/parse/keys.js';
import { captureJson, captureReturn } from '../captures.js';

/** A wheel answer's `data.return`, as the client unwraps it. */
function wheelData(name: string): unknown {
  return (captureReturn(name) as { data: { return: unknown } }).data.return;
}

describe('parseKeyBuckets', () => {
  it('turns key_list_all.json into keys by status, ignoring the master\'s own', () => {
    expect(parseKeyBuckets(wheelData('key_list_all.json'))).toEqual([
      { id: 'cache-01', status: 'accepted' },
      { id: 'db-01', status: 'accepted' },
      { id: 'new-01', status: 'pending' },
      { id: 'web-01', status: 'accepted' },
    ]);
  });

  it('reads GET /keys (keys.json, no return list) the same way', () => {
    expect(parseKeyBuckets((captureJson('keys.json') as { return: unknown }).return)).toEqual(parseKeyBuckets(wheelData('key_list_all.json')));
  });

  it('reads key.finger buckets (keys_web01.json)', () => {
    expect(parseKeyBuckets((captureJson('keys_web01.json') as { return: unknown }).return)).toEqual([{ id: 'web-01', status: 'accepted' }]);
  });

  it('reports what key.accept / key.reject moved, and the include_accepted trap', () => {
    expect(parseKeyBuckets(wheelData('key_accept.json'))).toEqual([{ id: 'new-01', status: 'accepted' }]);
    expect(parseKeyBuckets(wheelData('key_reject.json'))).toEqual([{ id: 'new-01', status: 'rejected' }]);
    // Rejecting an accepted key without include_accepted leaves it accepted, and says so.
    expect(parseKeyBuckets(wheelData('key_reject_noinc.json'))).toEqual([{ id: 'new-01', status: 'accepted' }]);
    expect(parseKeyBuckets(wheelData('key_delete.json'))).toEqual([]);
  });

  it('sorts by id then status and tolerates junk', () => {
    expect(parseKeyBuckets({ minions_denied: ['b'], minions_rejected: ['b', 'a'], minions: 'junk' })).toEqual([
      { id: 'a', status: 'rejected' }, { id: 'b', status: 'denied' }, { id: 'b', status: 'rejected' },
    ]);
    expect(parseKeyBuckets(null)).toEqual([]);
  });
});
