import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { coerceScalar } from './args.js';
import { HttpError } from './errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

/** A parsed request, as the handlers see it after CherryPy's tools have run. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  cookies: Record<string, string>;
  /** The body as sent (empty for urlencoded bodies, as salt-api keeps it). */
  rawBody: string;
  /** The unserialised body before it is wrapped into a lowstate list. */
  data: JsonValue | undefined;
  /** `lowdata_fmt`: a mapping becomes a one-chunk list; anything else is passed as is. */
  lowstate: JsonValue | undefined;
}

export const OUTPUT_TYPES = ['application/json', 'application/x-yaml'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One chunk from a form: repeated keys build a list, and `arg` is always one. */
function parseForm(raw: string): JsonObject {
  const values = new Map<string, JsonValue[]>();
  for (const [key, value] of new URLSearchParams(raw)) {
    // Salt's CLI-style coercion applies to `arg` and `kwarg` values only.
    const coerced = key === 'arg' || key === 'kwarg' ? coerceScalar(value) : value;
    values.set(key, [...(values.get(key) ?? []), coerced]);
  }
  const out: JsonObject = {};
  for (const [key, list] of values) out[key] = key === 'arg' || list.length > 1 ? list : (list[0] ?? '');
  return out;
}

/** `hypermedia_in`: unserialises the body per Content-Type, with salt-api's error texts. */
export function parseBody(contentType: string | undefined, raw: string): { data: JsonValue | undefined; rawBody: string } {
  const type = (contentType ?? 'application/x-www-form-urlencoded').split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'application/json':
      try {
        return { data: JSON.parse(raw) as JsonValue, rawBody: raw };
      } catch {
        throw new HttpError(400, 'Invalid JSON document');
      }
    case 'application/x-yaml':
    case 'text/yaml':
      // Only the JSON subset of YAML is understood here (no YAML parser is bundled).
      try {
        return { data: JSON.parse(raw) as JsonValue, rawBody: raw };
      } catch {
        throw new HttpError(400, 'Invalid YAML document');
      }
    case 'text/plain':
      try {
        return { data: JSON.parse(raw) as JsonValue, rawBody: raw };
      } catch {
        return { data: raw, rawBody: raw };
      }
    case 'application/x-www-form-urlencoded':
      return { data: parseForm(raw), rawBody: '' };
    default:
      throw new HttpError(406, 'Content type not supported');
  }
}

export function toLowstate(data: JsonValue | undefined): JsonValue | undefined {
  if (isJsonObject(data) && Object.keys(data).length > 0) {
    const chunk = { ...data };
    if (chunk.arg !== undefined && !Array.isArray(chunk.arg)) chunk.arg = [chunk.arg];
    return [chunk];
  }
  return data;
}

/** `cherrypy.lib.cptools.accept`: the best of JSON/YAML for the Accept header, else 406. */
export function negotiate(accept: string | undefined): OutputType {
  if (!accept) return 'application/json';
  const ranges = accept.split(',').map((part, index) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    const q = Number(/^q=([\d.]+)$/.exec(params.find((p) => p.startsWith('q=')) ?? '')?.[1] ?? '1');
    return { range: range.toLowerCase(), q, index };
  }).filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === '*/*' || range === 'application/*') return 'application/json';
    const hit = OUTPUT_TYPES.find((t) => t === range);
    if (hit) return hit;
  }
  throw new HttpError(406, `Your client sent this Accept header: ${accept}. But this resource only emits these media types: ${OUTPUT_TYPES.join(', ')}.`);
}
