import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../../src/core/rbac/actor.js';
import { globMatch, globMayMatchPrefix } from '../../../src/core/rbac/glob.js';
import { P, parseGrant, type Grant } from '../../../src/core/rbac/permissions.js';
import { can } from '../../../src/core/rbac/rbac.js';

/** `[glob, text, fnmatchcase(text, glob)]`, the last column computed with Python 3.11's fnmatch. */
const FNMATCHCASE: Array<[string, string, boolean]> = [
  // anchoring
  ['key:*', 'key:web-01', true],
  ['key:*', 'key:', true],
  ['key:*', 'xkey:web', false],
  ['key:*', 'job:1', false],
  ['key', 'key:web', false],
  ['ey:*', 'key:web', false],
  // `*`: any run, crossing `:` and newlines
  ['*', 'anything:at:all', true],
  ['*', '', true],
  ['*', 'a\nb', true],
  ['*:*', 'key:web:01', true],
  ['key:*', 'key:web:01', true],
  ['k*b', 'key:web', true],
  ['*web*', 'key:web-01', true],
  ['*key*', 'key', true],
  ['**', 'x', true],
  ['a*b*c', 'abc', true],
  ['a*b*c', 'aXbYc', true],
  ['a*b*c', 'acb', false],
  ['user:ops-*', 'user:ops-1', true],
  ['user:ops-*', 'user:dev-1', false],
  // `?`: exactly one character, `:` included
  ['key:web-??', 'key:web-01', true],
  ['key:web-??', 'key:web-1', false],
  ['key:web-??', 'key:web-001', false],
  ['?', 'a', true],
  ['?', '', false],
  ['?', 'ab', false],
  ['?', ':', true],
  // `[seq]` and `[!seq]`
  ['key:web-0[123]', 'key:web-02', true],
  ['key:web-0[123]', 'key:web-04', false],
  ['key:web-0[!123]', 'key:web-04', true],
  ['key:web-0[!123]', 'key:web-02', false],
  ['[a-c]x', 'bx', true],
  ['[a-c]x', 'dx', false],
  ['[!a-c]x', 'dx', true],
  ['[!a-c]x', 'bx', false],
  ['key:[!.]*', 'key:web', true],
  ['key:[!.]*', 'key:.hidden', false],
  ['[^a]', '^', true],
  ['[^a]', 'b', false],
  ['[\\]', '\\', true],
  ['[a-]', '-', true],
  ['[-a]', '-', true],
  ['[!-]', 'a', true],
  ['[!-]', '-', false],
  ['[.]', '.', true],
  ['[.]', 'a', false],
  ['[*]', '*', true],
  ['[*]', 'a', false],
  ['[?]', '?', true],
  ['[?]', 'a', false],
  // a `]` first in a class is literal; an unclosed `[` is literal
  ['[', '[', true],
  ['[abc', '[abc', true],
  ['[abc', 'a', false],
  ['[]', '[]', true],
  ['[]]', ']', true],
  ['[]]', 'a', false],
  ['[]a]', 'a', true],
  ['[]a]', ']', true],
  ['[!]]', 'a', true],
  ['[!]]', ']', false],
  ['[!]', '[!]', true],
  ['[!]', 'a', false],
  // empty ranges match nothing (Python drops them; they must not throw)
  ['[z-a]', 'x', false],
  ['[z-a]x', 'zx', false],
  ['[!z-a]', 'q', true],
  ['[!z-a]', '', false],
  ['[a-c-e]', '-', true],
  ['[a-c-e]', 'd', false],
  ['[a-c-e]', 'e', true],
  ['[b-a-c]', '-', true],
  ['[b-a-c]', 'c', true],
  ['[b-a-c]', 'b', false],
  ['[b-a-c]', 'a', false],
  // case-sensitive
  ['Key:*', 'key:web', false],
  ['key:*', 'KEY:web', false],
  ['view', 'View', false],
  ['[a-z]*', 'Key', false],
  ['k[A-Z]y', 'kEy', true],
  // regex metacharacters are literal
  ['key.web', 'key.web', true],
  ['key.web', 'keyxweb', false],
  ['a+b', 'a+b', true],
  ['a+b', 'aab', false],
  ['(a)', '(a)', true],
  ['(a)', 'a', false],
  ['a|b', 'a', false],
  ['a|b', 'a|b', true],
  ['^a$', '^a$', true],
  ['^a$', 'a', false],
  ['a{2}', 'aa', false],
  ['a{2}', 'a{2}', true],
  ['$x', '$x', true],
  ['a\\b', 'a\\b', true],
  ['a/b', 'a/b', true],
];

describe('globMatch', () => {
  it.each(FNMATCHCASE)('matches glob %j against %j as fnmatchcase does (%s)', (glob, text, expected) => {
    expect(globMatch(glob, text)).toBe(expected);
  });

  it('gives the same answer for a glob it has already compiled', () => {
    expect(globMatch('key:web-*', 'key:web-01')).toBe(true);
    expect(globMatch('key:web-*', 'key:db-01')).toBe(false);
    expect(globMatch('key:web-*', 'key:web-02')).toBe(true);
  });
});

describe('globMayMatchPrefix', () => {
  it.each([
    ['key:web-*', 'key:', true],
    ['key:*', 'key:', true],
    ['key:', 'key:', true],
    ['job:*', 'key:', false],
    ['*', 'key:', true],
    ['*', 'anything:', true],
    ['k?y:*', 'key:', true],
    ['k??:*', 'key:', true],
    ['k?y:*', 'kexy:', false],
    ['[jk]ey:*', 'key:', true],
    ['[!k]ey:*', 'key:', false],
    ['[]k]ey:*', 'key:', true],
    ['[!]]ey:*', 'key:', true],
    ['[z-a]ey:*', 'key:', false],
    ['ke*', 'key:', true],
    ['key', 'key:', false],
    ['ke', 'key:', false],
    ['Key:*', 'key:', false],
    ['keys:*', 'key:', false],
    ['user:ops-*', 'user:', true],
  ] as Array<[string, string, boolean]>)('says whether %j may match something starting %j (%s)', (glob, prefix, expected) => {
    expect(globMayMatchPrefix(glob, prefix)).toBe(expected);
  });
});

function actor(...grantSets: string[][]): Actor {
  const parse = (text: string): Grant => {
    const grant = parseGrant(text);
    if (!grant) throw new Error(`bad grant ${text}`);
    return grant;
  };
  return { kind: 'user', id: 'u', name: 'u', userId: 'u', grantSets: grantSets.map((set) => set.map(parse)), mustChangePassword: false };
}

const acceptKey = { verb: 'accept', family: 'key' };
const viewKey = { verb: 'view', family: 'key' };

describe('can', () => {
  it('allows when some grant matches both the verb and the resource', () => {
    const a = actor(['view:job:*', 'view:key:*']);
    expect(can(a, viewKey)).toBe(true);
    expect(can(a, viewKey, 'web-01')).toBe(true);
    expect(can(a, acceptKey)).toBe(false);
    expect(can(a, acceptKey, 'web-01')).toBe(false);
    expect(can(a, P.usersView)).toBe(false);
  });

  it('treats the verb as a glob: `*` is every verb, and verbs are case-sensitive', () => {
    expect(can(actor(['*:key:*']), acceptKey, 'web-01')).toBe(true);
    expect(can(actor(['*:*']), P.usersManage)).toBe(true);
    expect(can(actor(['acc*:key:*']), acceptKey)).toBe(true);
    expect(can(actor(['Accept:key:*']), acceptKey)).toBe(false);
  });

  it('lets `view:*` cover every family, users and audit included', () => {
    const a = actor(['view:*']);
    expect(can(a, P.usersView)).toBe(true);
    expect(can(a, P.auditView)).toBe(true);
    expect(can(a, P.usersManage)).toBe(false);
  });

  it('answers the route question for a scoped grant with yes, then checks the real object', () => {
    const a = actor(['accept:key:web-*']);
    expect(can(a, acceptKey)).toBe(true);
    expect(can(a, acceptKey, 'web-01')).toBe(true);
    expect(can(a, acceptKey, 'db-01')).toBe(false);
    expect(can(a, acceptKey, 'Web-01')).toBe(false);
  });

  it('refuses at route level a grant that can never match the family', () => {
    expect(can(actor(['accept:job:*']), acceptKey)).toBe(false);
    expect(can(actor(['accept:key']), acceptKey)).toBe(false);
    expect(can(actor(['accept:[z-a]ey:*']), acceptKey)).toBe(false);
    expect(can(actor(['accept:keys:*']), acceptKey)).toBe(false);
  });

  it('refuses an actor with no grants at all', () => {
    expect(can(actor(), viewKey)).toBe(false);
    expect(can(actor([]), viewKey)).toBe(false);
    expect(can(actor([]), viewKey, 'web-01')).toBe(false);
  });

  it('requires every grant set to allow, so an API key never exceeds its creator', () => {
    const keyOfViewer = actor(['accept:key:*'], ['view:key:*']);
    expect(can(keyOfViewer, acceptKey)).toBe(false);
    expect(can(keyOfViewer, acceptKey, 'web-01')).toBe(false);
    expect(can(keyOfViewer, viewKey)).toBe(false);

    const keyOfAdmin = actor(['accept:key:*'], ['*:*']);
    expect(can(keyOfAdmin, acceptKey, 'web-01')).toBe(true);
    expect(can(keyOfAdmin, viewKey)).toBe(false);

    const scopedCreator = actor(['accept:key:*'], ['accept:key:web-*']);
    expect(can(scopedCreator, acceptKey)).toBe(true);
    expect(can(scopedCreator, acceptKey, 'web-01')).toBe(true);
    expect(can(scopedCreator, acceptKey, 'db-01')).toBe(false);

    expect(can(actor(['accept:key:*'], []), acceptKey)).toBe(false);
  });

  it('lets the system actor do anything', () => {
    expect(can(SYSTEM_ACTOR, P.usersManage, 'anyone')).toBe(true);
    expect(can(SYSTEM_ACTOR, P.rolesManage)).toBe(true);
  });
});
