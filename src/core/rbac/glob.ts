/**
 * Permission globs, matched like Python's `fnmatchcase` (the reference product's matcher):
 * anchored, case-sensitive, `*` any run (crossing `:`), `?` one character, `[seq]` / `[!seq]`
 * classes. `:` is only a separator by convention.
 */
const compiled = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') out += '[\\s\\S]*';
    else if (ch === '?') out += '[\\s\\S]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\^/g, '\\^')}]`;
      i = close;
    } else out += escapeRegex(ch);
  }
  return out;
}

/** True when `text` matches `glob` as a whole. */
export function globMatch(glob: string, text: string): boolean {
  let regex = compiled.get(glob);
  if (!regex) {
    regex = new RegExp(`^${translate(glob)}$`);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(glob, regex);
  }
  return regex.test(text);
}

/**
 * True when `glob` could match some string that starts with `prefix`: used to answer "may this
 * actor ever do this to a `key:…`?" before the service checks the real object.
 */
export function globMayMatchPrefix(glob: string, prefix: string): boolean {
  let g = 0;
  for (let p = 0; p < prefix.length; p++) {
    if (g >= glob.length) return false;
    const ch = glob[g] as string;
    if (ch === '*') return true;
    if (ch === '?') {
      g++;
      continue;
    }
    if (ch === '[') {
      const close = glob.indexOf(']', g + 2);
      if (close !== -1) {
        if (!globMatch(glob.slice(g, close + 1), prefix[p] as string)) return false;
        g = close + 1;
        continue;
      }
    }
    if (ch !== prefix[p]) return false;
    g++;
  }
  return true;
}
