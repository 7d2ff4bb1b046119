import { gunzipSync, gzipSync, constants } from 'node:zlib';

/** Returns above this much JSON are cut (and flagged `truncated`). */
export const RETURN_CAP_BYTES = 256 * 1024;
/** Returns below this are stored as plain JSON: gzip would cost more than it saves. */
const COMPRESS_FROM_BYTES = 512;
const GZIP_MAGIC = [0x1f, 0x8b];

export interface EncodedReturn {
  /** gzip of the JSON, or the JSON itself when small; JSON text never starts with the gzip magic. */
  data: Buffer;
  /** Size of the full return's JSON, before any cut. */
  bytes: number;
  truncated: boolean;
}

/**
 * Encodes one minion's return for `job_returns`. A return whose JSON exceeds the cap is kept as a
 * JSON string holding the first `cap` bytes, so it still decodes and still reads as a preview.
 */
export function encodeReturn(value: unknown, cap = RETURN_CAP_BYTES): EncodedReturn {
  const json = JSON.stringify(value === undefined ? null : value);
  const full = Buffer.from(json, 'utf8');
  const truncated = full.length > cap;
  const kept = truncated ? Buffer.from(JSON.stringify(full.subarray(0, cap).toString('utf8')), 'utf8') : full;
  const data = kept.length < COMPRESS_FROM_BYTES ? kept : gzipSync(kept, { level: constants.Z_BEST_SPEED });
  return { data, bytes: full.length, truncated };
}

/** The stored return value (a preview string when it was truncated). */
export function decodeReturn(data: Buffer | Uint8Array): unknown {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const compressed = buffer.length >= 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  return JSON.parse((compressed ? gunzipSync(buffer) : buffer).toString('utf8')) as unknown;
}
