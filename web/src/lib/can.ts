import type { ReactNode } from 'react';
import type { Permission } from './permissions';
import { useUser, type Grant } from './session';

/**
 * Permission globs, matched exactly like the server (`src/core/rbac/glob.ts`, Python's
 * `fnmatchcase`): anchored, case-sensitive, `*` any run (crossing `:`), `?` one character,
 * `[seq]` / `[!seq]` classes. A copy rather than an import so the bundle holds no server code.
 */
const compiled = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
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
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(glob, regex);
  }
  return regex.test(text);
}

/** True when `glob` could match some string that starts with `prefix` (`key:` for `key:web-*`). */
export function globMayMatchPrefix(glob: string, prefix: string): boolean {
  let g = 0;
  for (let p = 0; p < prefix.length; p++) {
    if (g >= glob.length) return false;
    const ch = glob[g] ?? '';
    if (ch === '*') return true;
    if (ch === '?') {
      g++;
      continue;
    }
    if (ch === '[') {
      const close = glob.indexOf(']', g + 2);
      if (close !== -1) {
        if (!globMatch(glob.slice(g, close + 1), prefix[p] ?? '')) return false;
        g = close + 1;
        continue;
      }
    }
    if (ch !== prefix[p]) return false;
    g++;
  }
  return true;
}

interface HasGrants {
  permissions: Grant[];
}

/**
 * May `user` ever do `verb` to something of `family`? True when a grant's verb glob matches the
 * verb and its resource glob could match some `family:…` resource, the same question the
 * server's route check answers (`accept:key:web-*` allows the accept button for `key`). The
 * server stays the authority on the object itself.
 */
export function can(user: HasGrants | null | undefined, verb: string, family: string): boolean {
  if (!user) return false;
  const prefix = `${family}:`;
  return user.permissions.some(
    (grant) => globMatch(grant.verb, verb) && globMayMatchPrefix(grant.resource_glob, prefix),
  );
}

/** `can` for a catalog permission (`P.usersManage`). */
export const canDo = (user: HasGrants | null | undefined, permission: Permission): boolean =>
  can(user, permission.verb, permission.family);

/** Whether the signed-in user may do `verb` on `family` (or a catalog permission). */
export function useCan(permission: Permission): boolean;
export function useCan(verb: string, family: string): boolean;
export function useCan(verbOrPermission: string | Permission, family?: string): boolean {
  const user = useUser();
  if (typeof verbOrPermission === 'string') return can(user, verbOrPermission, family ?? '');
  return canDo(user, verbOrPermission);
}

interface CanProps {
  verb: string;
  family: string;
  children: ReactNode;
  /** What to render without the permission; nothing by default. */
  fallback?: ReactNode;
}

/** Renders `children` only when the user holds the permission: `<Can {...P.usersManage}>`. */
export function Can({ verb, family, children, fallback = null }: CanProps): ReactNode {
  return useCan(verb, family) ? children : fallback;
}
