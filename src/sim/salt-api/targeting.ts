import { acceptedMinions, type Fleet, type Minion } from './fleet.js';
import { globMatch, pcreMatch } from './glob.js';
import { isJsonObject, stringList, type JsonValue } from './json.js';

/** What the master's `check_minions` returns: expected minions, and list entries with no accepted key. */
export interface TargetResult {
  minions: string[];
  missing: string[];
}

type Mode = 'glob' | 'pcre' | 'exact';

/** Python's `str()` of a grain value, which is what Salt's subdict matcher compares against. */
function pyStr(value: JsonValue): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function matchValue(target: JsonValue, pattern: string, mode: Mode): boolean {
  const text = pyStr(target).toLowerCase();
  const pat = pattern.toLowerCase();
  if (mode === 'pcre') return pcreMatch(text, pat);
  if (mode === 'exact') return text === pat;
  return globMatch(text, pat);
}

function traverse(data: JsonValue, path: string[]): JsonValue | undefined {
  let node: JsonValue | undefined = data;
  for (const part of path) {
    if (isJsonObject(node)) node = node[part];
    else if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else return undefined;
  }
  return node;
}

function dictMatch(target: { [key: string]: JsonValue }, pattern: string, mode: Mode): boolean {
  if (pattern === '*' || pattern in target) return true;
  return subdictMatch(target, pattern, mode);
}

/** Salt's `subdict_match`: try every split of `a:b:c` into a key path and a value pattern. */
export function subdictMatch(data: JsonValue, expr: string, mode: Mode): boolean {
  const splits = expr.split(':');
  for (let idx = splits.length - 1; idx > 0; idx--) {
    const pattern = splits.slice(idx).join(':');
    const found = traverse(data, splits.slice(0, idx));
    if (found === undefined) continue;
    if (isJsonObject(found)) {
      if (dictMatch(found, pattern, mode)) return true;
      continue;
    }
    if (Array.isArray(found)) {
      if (found.some((m) => (isJsonObject(m) && dictMatch(m, pattern, mode)) || matchValue(m, pattern, mode))) return true;
      continue;
    }
    if (matchValue(found, pattern, mode)) return true;
  }
  return false;
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8) + Number(p), 0) >>> 0;
}

function inCidr(ip: string, cidr: string): boolean {
  const [net = '', bitsText] = cidr.split('/');
  const addr = ipv4ToInt(ip);
  const base = ipv4ToInt(net);
  if (addr === null || base === null) return ip === cidr;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (addr & mask) === (base & mask);
}

function listItems(tgt: JsonValue): string[] {
  if (Array.isArray(tgt)) return tgt.map((t) => pyStr(t));
  return typeof tgt === 'string' ? tgt.split(',').map((t) => t.trim()).filter(Boolean) : [];
}

type Matcher = (minion: Minion) => boolean;

/** The single-expression matchers; compound expressions combine these. */
function matcherFor(fleet: Fleet, type: string, expr: string, depth: number): Matcher | null {
  switch (type) {
    case 'glob': return (m) => globMatch(m.id, expr);
    case 'pcre': return (m) => pcreMatch(m.id, expr);
    case 'list': { const ids = new Set(listItems(expr)); return (m) => ids.has(m.id); }
    case 'grain': return (m) => subdictMatch(m.grains, expr, 'glob');
    case 'grain_pcre': return (m) => subdictMatch(m.grains, expr, 'pcre');
    case 'pillar': return (m) => subdictMatch(m.pillar, expr, 'glob');
    case 'pillar_pcre': return (m) => subdictMatch(m.pillar, expr, 'pcre');
    case 'pillar_exact': return (m) => subdictMatch(m.pillar, expr, 'exact');
    case 'ipcidr': return (m) => stringList(m.grains.ipv4).some((ip) => inCidr(ip, expr));
    case 'nodegroup': {
      const group = fleet.nodegroups[expr];
      if (group === undefined || depth > 5) return () => false;
      return compoundMatcher(fleet, group, depth + 1);
    }
    case 'compound': return compoundMatcher(fleet, expr, depth);
    // seco.range is not installed on a stock master: the range matcher raises and Salt matches nothing.
    case 'range': return () => false;
    default: return null;
  }
}

const PREFIXES: Record<string, string> = {
  G: 'grain', P: 'grain_pcre', I: 'pillar', J: 'pillar_pcre', L: 'list', E: 'pcre', S: 'ipcidr', R: 'range', N: 'nodegroup',
};

/** Compound targets, evaluated with Python's precedence (not > and > or), as Salt builds a Python expression. */
function compoundMatcher(fleet: Fleet, expr: string, depth: number): Matcher {
  const tokens = expr.trim().split(/\s+/).flatMap((word) => {
    const lead = /^\(+/.exec(word)?.[0] ?? '';
    const trail = /\)+$/.exec(word.slice(lead.length))?.[0] ?? '';
    const core = word.slice(lead.length, word.length - trail.length);
    return [...lead, ...(core ? [core] : []), ...trail];
  });
  let pos = 0;
  const fail = (): never => { throw new Error(`invalid compound target: ${expr}`); };
  const primary = (): Matcher => {
    const token = tokens[pos++] ?? fail();
    if (token === '(') {
      const inner = orExpr();
      if (tokens[pos++] !== ')') fail();
      return inner;
    }
    const prefixed = /^([A-Z])@(.+)$/.exec(token);
    if (!prefixed) return matcherFor(fleet, 'glob', token, depth) ?? fail();
    const type = PREFIXES[prefixed[1] ?? ''];
    return (type && matcherFor(fleet, type, prefixed[2] ?? '', depth)) || fail();
  };
  const notExpr = (): Matcher => {
    if (tokens[pos] !== 'not') return primary();
    pos++;
    const inner = notExpr();
    return (m) => !inner(m);
  };
  const andExpr = (): Matcher => {
    let left = notExpr();
    while (tokens[pos] === 'and') {
      pos++;
      const l = left, r = notExpr();
      left = (m) => l(m) && r(m);
    }
    return left;
  };
  const orExpr = (): Matcher => {
    let left = andExpr();
    while (tokens[pos] === 'or') {
      pos++;
      const l = left, r = andExpr();
      left = (m) => l(m) || r(m);
    }
    return left;
  };
  try {
    const matcher = orExpr();
    return pos === tokens.length ? matcher : () => false;
  } catch {
    // Salt logs a bad compound expression and matches nothing.
    return () => false;
  }
}

/** Resolves a target against the accepted keys (offline minions included, as the master's cache is). */
export function resolveTarget(fleet: Fleet, tgt: JsonValue, tgtType = 'glob'): TargetResult {
  const accepted = acceptedMinions(fleet);
  if (tgtType === 'list') {
    const wanted = listItems(tgt);
    const known = new Set(accepted.map((m) => m.id));
    return {
      minions: accepted.filter((m) => wanted.includes(m.id)).map((m) => m.id),
      missing: wanted.filter((id) => !known.has(id)),
    };
  }
  if (typeof tgt !== 'string') return { minions: [], missing: [] };
  const matcher = matcherFor(fleet, tgtType, tgt, 0);
  if (!matcher) return { minions: [], missing: [] };
  return { minions: accepted.filter(matcher).map((m) => m.id), missing: [] };
}
