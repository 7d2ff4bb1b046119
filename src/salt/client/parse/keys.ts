import { isRecord, isStringArray } from './values.js';

export type KeyStatus = 'accepted' | 'pending' | 'rejected' | 'denied';

export interface KeyEntry {
  id: string;
  status: KeyStatus;
}

const BUCKETS: [bucket: string, status: KeyStatus][] = [
  ['minions', 'accepted'],
  ['minions_pre', 'pending'],
  ['minions_rejected', 'rejected'],
  ['minions_denied', 'denied'],
];

/**
 * `key.list_all` buckets (or what `key.accept`/`reject` answer, which uses the same buckets) →
 * one entry per key, sorted by id then status. The `local` bucket (the master's own keys) is
 * ignored. `key.finger`'s `{bucket: {id: fingerprint}}` is accepted too.
 */
export function parseKeyBuckets(value: unknown): KeyEntry[] {
  if (!isRecord(value)) return [];
  const keys: KeyEntry[] = [];
  for (const [bucket, status] of BUCKETS) {
    const ids = value[bucket];
    const list = isStringArray(ids) ? ids : isRecord(ids) ? Object.keys(ids) : [];
    for (const id of list) keys.push({ id, status });
  }
  return keys.sort((a, b) => a.id.localeCompare(b.id) || a.status.localeCompare(b.status));
}
