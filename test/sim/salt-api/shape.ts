/**
 * Compares the *shape* of a simulator response with a captured one: keys and value types,
 * recursively. Objects keyed by data (minion ids, jids, state ids, package names) are "maps": their
 * keys may differ, and each simulator value must have the shape of some captured value.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ShapeOptions {
  /** Paths of map objects, e.g. `return.[]` or `**.ip4_interfaces` (`**.` matches any prefix). */
  maps?: string[];
  /** Paths whose value may be anything (module-specific data such as state `changes`). */
  any?: string[];
  /** Keys left out of the comparison wherever they appear (site-specific custom grains). */
  ignoreKeys?: string[];
  /** Map keys the capture uses for minions and jids, recognised as maps without being listed. */
  knownIds?: string[];
}

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function pathMatches(path: string, patterns: string[] = []): boolean {
  return patterns.some((p) => p === path || (p.startsWith('**.') && (path.endsWith(p.slice(2)) || path === p.slice(3))));
}

function isMap(value: { [key: string]: Json }, path: string, opts: ShapeOptions): boolean {
  if (pathMatches(path, opts.maps)) return true;
  const keys = Object.keys(value);
  if (keys.length === 0) return false;
  const ids = new Set(opts.knownIds ?? []);
  return keys.every((k) => /^\d{20}$/.test(k) || ids.has(k) || k.includes('_|-'));
}

/** A canonical description of a value's shape, used to de-duplicate union candidates. */
function signature(value: Json): string {
  if (Array.isArray(value)) return `[${[...new Set(value.map(signature))].sort().join('|')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${k}:${signature(value[k] ?? null)}`).join(',')}}`;
  return kind(value);
}

function unique(values: Json[]): Json[] {
  const seen = new Map<string, Json>();
  for (const v of values) if (!seen.has(signature(v))) seen.set(signature(v), v);
  return [...seen.values()];
}

/** Every value must match at least one candidate; reports the errors against the first candidate. */
function matchUnion(candidates: Json[], values: Json[], path: string, opts: ShapeOptions, errors: string[]): void {
  const pool = unique(candidates);
  for (const value of unique(values)) {
    let firstErrors: string[] | undefined;
    const ok = pool.some((candidate) => {
      const errs: string[] = [];
      compare(candidate, value, path, opts, errs);
      firstErrors ??= errs;
      return errs.length === 0;
    });
    if (!ok) errors.push(...(firstErrors ?? [`${path}: no candidate`]).slice(0, 5));
  }
}

function compare(expected: Json, actual: Json, path: string, opts: ShapeOptions, errors: string[]): void {
  if (pathMatches(path, opts.any)) return;
  if (kind(expected) !== kind(actual)) {
    errors.push(`${path}: expected ${kind(expected)}, got ${kind(actual)}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length > 0 && actual.length > 0) matchUnion(expected, actual, `${path}.[]`, opts, errors);
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    if (isMap(expected, path, opts)) {
      const values = Object.values(actual);
      if (Object.keys(expected).length > 0 && values.length === 0) errors.push(`${path}: expected a non-empty map`);
      else if (values.length > 0) matchUnion(Object.values(expected), values, `${path}.{}`, opts, errors);
      return;
    }
    const ignore = new Set(opts.ignoreKeys ?? []);
    const eKeys = Object.keys(expected).filter((k) => !ignore.has(k));
    const aKeys = Object.keys(actual).filter((k) => !ignore.has(k));
    const missing = eKeys.filter((k) => !(k in actual));
    const extra = aKeys.filter((k) => !(k in expected));
    if (missing.length > 0) errors.push(`${path}: missing keys ${missing.join(', ')}`);
    if (extra.length > 0) errors.push(`${path}: unexpected keys ${extra.join(', ')}`);
    for (const key of eKeys) {
      if (key in actual) compare(expected[key] ?? null, actual[key] ?? null, path ? `${path}.${key}` : key, opts, errors);
    }
  }
}

/** Differences between the captured shape and the actual one; empty when they agree. */
export function shapeDiff(expected: Json, actual: Json, opts: ShapeOptions = {}): string[] {
  const errors: string[] = [];
  compare(expected, actual, '', opts, errors);
  return errors;
}
