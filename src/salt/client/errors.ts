import { UpstreamError, UpstreamUnavailableError } from '../../core/errors.js';
import { isRecord } from './parse/values.js';

const MAX_MESSAGE = 500;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Salt-API is not configured, cannot be reached, or did not answer in time (503). */
export function unavailable(reason: string): UpstreamUnavailableError {
  return new UpstreamUnavailableError(`Salt-API unreachable: ${reason}`);
}

/** Salt-API answered with an error (502). */
export function upstreamError(status: number | null, message: string): UpstreamError {
  const text = squash(message) || 'no message';
  return new UpstreamError(status === null ? `Salt-API error: ${text}` : `Salt-API error ${status}: ${text}`);
}

/**
 * The human message inside an error body: JSON `detail`, `message`, `error` (or Salt's own
 * `{"status": 500, "return": "..."}`), else the first `<p>` of a CherryPy HTML page, else the
 * body itself. Tags stripped, entities decoded, whitespace squashed, at most 500 characters.
 */
export function extractErrorMessage(body: string, contentType = ''): string {
  const trimmed = body.trim();
  if (contentType.includes('json') || trimmed.startsWith('{')) {
    const fromJson = jsonMessage(trimmed);
    if (fromJson !== null) return squash(fromJson);
  }
  const paragraph = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(trimmed);
  if (paragraph?.[1] !== undefined) return squash(stripTags(paragraph[1]));
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed);
  if (title?.[1] !== undefined) return squash(stripTags(title[1]));
  return squash(stripTags(trimmed));
}

/** Whitespace runs collapsed to one space, trimmed, cut to 500 characters. */
export function squash(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

/** A short reason for a failed fetch: the system error code and message when there is one. */
export function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return squash(code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message);
  }
  return squash(error.message);
}

function jsonMessage(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  for (const key of ['detail', 'message', 'error', 'return']) {
    const value = parsed[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity);
}

function decodeEntity(name: string): string | undefined {
  if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()];
  const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
