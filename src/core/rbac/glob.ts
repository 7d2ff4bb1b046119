/**
 * Permission globs, matched like Python's `fnmatchcase` (the reference product's matcher):
 * anchored, case-sensitive, `*` any run (crossing `:`), `?` one character, `[seq]` / `[!seq]`
 * classes. `:` is only a separator by convention.
 */
const compiled = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Where the class opened by the `[` at `open` closes, or -1. As in Python, a `]` right after the
 * `[` (or after `[!`) is a literal member, not the end.
 */
function classEnd(glob: string, open: number): number {
  let j = open + 1;
  if (glob[j] === '!') j++;
  if (glob[j] === ']') j++;
  return glob.indexOf(']', j);
}

/**
 * A class body (between `[` and `]`) as a regex, built like Python's fnmatch: reversed ranges
 * such as `z-a` are dropped (JavaScript would throw on them), an empty class matches nothing.
 */
function translateClass(body: string): string {
  const escape = (chunk: string) => chunk.replace(/[\\\]^-]/g, '\\$&');
  let stuff: string;
  if (!body.includes('-')) stuff = escape(body);
  else {
    const chunks: string[] = [];
    let start = 0;
    for (let k = body.startsWith('!') ? 2 : 1; (k = body.indexOf('-', k)) !== -1; k += 3) {
      chunks.push(body.slice(start, k));
      start = k + 1;
    }
    const last = body.slice(start);
    if (last) chunks.push(last);
    else chunks[chunks.length - 1] += '-';
    for (let k = chunks.length - 1; k > 0; k--) {
      const [before, after] = [chunks[k - 1] as string, chunks[k] as string];
      if (before.slice(-1) > after.slice(0, 1)) chunks.splice(k - 1, 2, before.slice(0, -1) + after.slice(1));
    }
    stuff = chunks.map(escape).join('-');
  }
  if (stuff === '') return '(?!)';
  if (stuff === '!') return '[\\s\\S]';
  return stuff.startsWith('!') ? `[^${stuff.slice(1)}]` : `[${stuff}]`;
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') out += '[\\s\\S]*';
    else if (ch === '?') out += '[\\s\\S]';
    else if (ch === '[') {
      const close = classEnd(glob, i);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      out += translateClass(glob.slice(i + 1, close));
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
      const close = classEnd(glob, g);
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
