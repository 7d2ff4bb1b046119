/** Python's `fnmatch`, which Salt uses for glob targets, key matches and job searches. */
const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      const end = pattern.indexOf(']', pattern[i + 1] === '!' ? i + 3 : i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      else if (body.startsWith('^')) body = `\\${body}`;
      out += `[${body}]`;
      i = end;
    } else out += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  const re = new RegExp(`^(?:${out})$`, ignoreCase ? 'is' : 's');
  cache.set(cacheKey, re);
  return re;
}

export function globMatch(text: string, pattern: string, ignoreCase = false): boolean {
  return globToRegExp(pattern, ignoreCase).test(text);
}

/** Python's `re.match`: anchored at the start only. Invalid patterns match nothing, as Salt logs and moves on. */
export function pcreMatch(text: string, pattern: string, ignoreCase = false): boolean {
  try {
    return new RegExp(`^(?:${pattern})`, ignoreCase ? 'i' : '').test(text);
  } catch {
    return false;
  }
}
