import { createParser } from 'eventsource-parser';
import type { RawSaltEvent } from './parse/events.js';
import { isRecord } from './parse/values.js';

/** One event may hold a whole `pkg.list_pkgs` or `grains.items` return; 64 MiB bounds a runaway stream. */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Decodes salt-api's SSE wire format (`retry:`, then `tag:` + one-line `data:` JSON per event)
 * from a byte stream. Each `data` is `{"data": {...}, "tag": "..."}`; frames that do not parse or
 * carry no tag are skipped. The non-standard `tag:` field is only a fallback for the JSON's tag.
 * The live stream and the recorded captures both go through here.
 */
export async function* decodeSaltEvents(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<RawSaltEvent> {
  const decoder = new TextDecoder();
  const ready: RawSaltEvent[] = [];
  let tagField: string | null = null;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent(message) {
      const event = toRawEvent(message.data, tagField);
      tagField = null;
      if (event) ready.push(event);
    },
    onError(error) {
      if (error.type === 'unknown-field' && error.field === 'tag') tagField = error.value ?? null;
      else if (error.type === 'max-buffer-size-exceeded') throw error;
    },
  });
  for await (const chunk of chunks) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (ready.length === 0) continue;
    const batch = ready.splice(0);
    yield* batch;
  }
  parser.feed(decoder.decode());
  yield* ready.splice(0);
}

/** Parses one `data:` payload; null when it is not JSON or names no tag. */
export function toRawEvent(payload: string, tagField: string | null = null): RawSaltEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const tag = typeof parsed.tag === 'string' && parsed.tag !== '' ? parsed.tag : tagField;
  if (!tag) return null;
  return { tag, data: isRecord(parsed.data) ? parsed.data : {} };
}
