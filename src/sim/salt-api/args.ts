import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

/** `salt.utils.args.KWARG_REGEX`: `name=value` strings in `arg` become keyword arguments on the minion. */
const KWARG = /^([A-Za-z_][\w.-]*)=(?!=)([\s\S]*)$/;

/**
 * The CLI-style coercion Salt applies to urlencoded `arg` values and `name=value` strings: YAML scalars
 * (ints, floats, booleans, null) and flow lists/dicts become real values; anything else stays a string.
 */
export function coerceScalar(text: string): JsonValue {
  const trimmed = text.trim();
  if (/^(true|True|TRUE)$/.test(trimmed)) return true;
  if (/^(false|False|FALSE)$/.test(trimmed)) return false;
  if (trimmed === '') return text;
  if (/^(null|Null|NULL|~)$/.test(trimmed)) return null;
  if (/^[-+]?\d+$/.test(trimmed)) return Number(trimmed);
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$/.test(trimmed)) return Number(trimmed);
  if (/^[[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as JsonValue;
    } catch {
      const inner = /^\[(.*)\]$/s.exec(trimmed);
      if (inner) return (inner[1] ?? '').split(',').map((part) => coerceScalar(part));
    }
  }
  return text;
}

/** Splits a published `arg` list into positional args and kwargs, as the minion's `load_args_and_kwargs` does. */
export function splitArgs(arg: JsonValue[]): { args: JsonValue[]; kwargs: JsonObject } {
  const args: JsonValue[] = [];
  const kwargs: JsonObject = {};
  for (const item of arg) {
    if (isJsonObject(item) && item.__kwarg__ === true) {
      for (const [k, v] of Object.entries(item)) if (k !== '__kwarg__') kwargs[k] = v;
      continue;
    }
    const match = typeof item === 'string' ? KWARG.exec(item) : null;
    if (match) kwargs[match[1] ?? ''] = coerceScalar(match[2] ?? '');
    else args.push(item);
  }
  return { args, kwargs };
}

/** LocalClient's `condition_kwarg`: a chunk's `kwarg` object travels as a trailing `__kwarg__` dict. */
export function publishArgs(arg: JsonValue[], kwarg: JsonObject | undefined): JsonValue[] {
  if (!kwarg || Object.keys(kwarg).length === 0) return arg;
  return [...arg, { __kwarg__: true, ...kwarg }];
}

/** Truthiness the way Python sees a YAML-ish value (`"False"` from a form stays truthy, as in Salt). */
export function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

export function asString(value: JsonValue | undefined, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
