import { isJsonObject, type JsonValue } from './json.js';

/** Strings PyYAML would read back as something else, or that need quoting to stay one line. */
const PLAIN = /^[A-Za-z_/][\w./@-]*( [\w./@-]+)*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~)$/i;

function scalar(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  // A JSON string literal is also a valid double-quoted YAML scalar.
  if (typeof value === 'string') return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
  return '';
}

function lines(value: JsonValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => {
      const nested = lines(item, `${indent}  `);
      const first = (nested[0] ?? '').trimStart();
      const complex = (Array.isArray(item) && item.length > 0) || (isJsonObject(item) && Object.keys(item).length > 0);
      return complex ? [`${indent}- ${first}`, ...nested.slice(1)] : [`${indent}- ${scalar(item) || first}`];
    });
  }
  if (isJsonObject(value)) {
    if (Object.keys(value).length === 0) return [`${indent}{}`];
    // safe_dump sorts mapping keys.
    return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([k, v]) => {
      const key = scalar(k);
      if (Array.isArray(v) && v.length > 0) return [`${indent}${key}:`, ...lines(v, indent)];
      if (isJsonObject(v) && Object.keys(v).length > 0) return [`${indent}${key}:`, ...lines(v, `${indent}  `)];
      return [`${indent}${key}: ${Array.isArray(v) ? '[]' : isJsonObject(v) ? '{}' : scalar(v)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** Block-style YAML, as `yaml.safe_dump(default_flow_style=False)` writes it for `Accept: application/x-yaml`. */
export function toYaml(value: JsonValue): string {
  return `${lines(value, '').join('\n')}\n`;
}
