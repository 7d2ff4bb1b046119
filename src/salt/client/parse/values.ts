/** Small type guards for JSON that came from Salt: nothing it sends is trusted to have a shape. */

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A string field, or null when it is missing or not a string. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A finite number (booleans excluded), or null. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An integer from a number or a numeric string (Salt is loose about retcodes), or null. */
export function intOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number.parseInt(value, 10);
  return null;
}

export function boolOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** Strings as they are; lists of strings (a `list` target) joined with commas; anything else null. */
export function targetString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isStringArray(value)) return value.join(',');
  return null;
}

/** Minion ids from a list, or a dict's keys (some runners answer either way). */
export function idList(value: unknown): string[] {
  if (isStringArray(value)) return value;
  if (isRecord(value)) return Object.keys(value);
  return [];
}
