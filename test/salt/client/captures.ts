import { readFileSync } from 'node:fs';
import { sharedDir } from '../../support/shared.js';

/** Recorded answers of a live Salt 3006.10 master + salt-api (read-only, shared by every engineer). */
export const CAPTURES_DIR = sharedDir('salt-captures');

export function captureText(name: string): string {
  return readFileSync(`${CAPTURES_DIR}/${name}`, 'utf8');
}

export function captureJson(name: string): unknown {
  return JSON.parse(captureText(name));
}

/** `return[0]` of a captured `POST /` answer: what a runner/local call unwraps to. */
export function captureReturn(name: string): unknown {
  const body = captureJson(name) as { return: unknown[] };
  return body.return[0];
}

/** The SSE body of a captured stream; `events_raw.txt` starts with the HTTP response head, which is cut here. */
export function captureStreamBody(name: string): string {
  const text = captureText(name);
  if (!text.startsWith('HTTP/')) return text;
  const end = text.indexOf('\r\n\r\n');
  return text.slice(end + 4);
}

/** Splits text into chunks of varying sizes, so parsers meet events cut at arbitrary points. */
export function* chunked(text: string, seed = 7): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let state = seed;
  for (let offset = 0; offset < bytes.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 4096);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}
