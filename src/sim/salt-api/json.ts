/** JSON values as Salt serialises them; every simulated return is built from these. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings in a list-valued grain (an absent or odd grain reads as empty). */
export function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Serialises like Python's `json.dumps` defaults (", " and ": " separators, non-ASCII escaped),
 * so bodies and SSE lines are byte-for-byte in the style salt-api writes them.
 */
export function pyJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  const parts = Object.entries(value).map(([k, v]) => `${pyString(k)}: ${pyJson(v)}`);
  return `{${parts.join(', ')}}`;
}

function pyString(text: string): string {
  // JSON.stringify handles quotes and control characters; Python additionally escapes non-ASCII.
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
