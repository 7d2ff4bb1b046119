import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, sha256 } from '../../../src/core/auth/keys.js';
import { authService } from '../../../src/core/auth/service.js';
import { memoryCounters } from '../../../src/core/http/counters.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface TokenPair {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

const tokenLogin = (username: string, password: string) =>
  t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

const refresh = (refresh_token: string) =>
  t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token } });

const me = (token: string) => t.fd.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

async function pairFor(username: string): Promise<TokenPair> {
  const response = await tokenLogin(username, TEST_PASSWORD);
  expect(response.statusCode).toBe(200);
  return response.json();
}

const unauthenticated = (message: string) => ({
  error: { code: 'unauthenticated', message, details: [] },
  request_id: expect.any(String),
});

/** An access token signed with the app's real key, with the claims given. */
async function craftToken(claims: { sub: string; typ?: string; iss?: string; iat: number; exp: number }): Promise<string> {
  return new SignJWT({ typ: claims.typ ?? 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(claims.iss ?? 'fleetdeck')
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(deriveKey(t.config.secret, 'jwt'));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer access token for the user and a refresh token', async () => {
    const user = await t.makeUser({ roles: ['viewer'] });
    const before = nowSeconds();
    const response = await tokenLogin(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_token: expect.any(String) });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ sub: user.id, iss: 'fleetdeck', typ: 'access' });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(body.refresh_token.length).toBeGreaterThanOrEqual(43);

    const row = await t.fd.database.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ token_hash: sha256(body.refresh_token), used_at: null, revoked_at: null });
    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.token').where('user_id', '=', user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ decision: 'allow', result_code: 200, request_id: response.headers['x-request-id'] });
  });

  it('answers 401 with the v1 error body for a wrong password, and audits it without the password', async () => {
    const user = await t.makeUser();
    const response = await tokenLogin(user.username, 'wrong-password');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid credentials'));
    expect(response.json().request_id).toBe(response.headers['x-request-id']);
    const rows = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.token').where('resource', '=', `user:${user.username}`).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: 'deny', result_code: 401, user_id: null });
    expect(rows[0]!.args_json).not.toContain('wrong-password');
  });

  it('answers 401 for an unknown user', async () => {
    const response = await tokenLogin(t.unique('nobody'), TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid credentials'));
  });

  it('answers 400 naming the missing field', async () => {
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'someone' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'validation_error', message: 'Invalid body: password is required', details: [{ field: 'password', message: 'is required' }] },
      request_id: expect.any(String),
    });
  });

  it('answers 400 naming an empty username', async () => {
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '', password: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ field: 'username', message: expect.stringContaining('fewer than 1') }]);
  });
});

describe('bearer access tokens', () => {
  it('authenticate GET /api/v1/auth/me as the user', async () => {
    const user = await t.makeUser({ roles: ['viewer'] });
    const { access_token } = await pairFor(user.username);
    const response = await me(access_token);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ kind: 'user', id: user.id, name: user.username, user_id: user.id, must_change_pw: false, permissions: expect.any(Array) });
    expect(body.permissions).toContain('view:machine:*');
    expect(body.permissions).not.toContain('view:audit:*');
  });

  it('authenticate the Salt console surface too, with the user\u2019s permissions', async () => {
    const admin = await t.bearerFor(['admin']);
    const ok = await t.fd.app.inject({ url: '/api/users', headers: { authorization: admin } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ total: expect.any(Number), users: expect.any(Array) });
    const viewer = await t.bearerFor(['viewer']);
    const refused = await t.fd.app.inject({ url: '/api/users', headers: { authorization: viewer } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ detail: 'Forbidden', request_id: expect.any(String) });
  });

  it('answers 401 without a token, and for garbage', async () => {
    const none = await t.fd.app.inject({ url: '/api/v1/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual(unauthenticated('Not authenticated'));
    const garbage = await me('not-a-jwt');
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json()).toEqual(unauthenticated('Invalid or expired token'));
  });

  it('refuses a token whose payload was changed to another user', async () => {
    const user = await t.makeUser();
    const admin = await t.makeUser({ roles: ['admin'] });
    const { access_token } = await pairFor(user.username);
    const [header, payload, signature] = access_token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: admin.id })).toString('base64url')}.${signature}`;
    const response = await me(forged);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid or expired token'));
    expect((await me(access_token)).statusCode).toBe(200);
  });

  it('refuses a token with a damaged signature and an unsigned (alg none) token', async () => {
    const user = await t.makeUser();
    const { access_token } = await pairFor(user.username);
    // Change the signature's first character: the last one carries padding bits, and changing
    // those can leave the decoded signature as it was.
    const signatureStart = access_token.lastIndexOf('.') + 1;
    const swapped = access_token[signatureStart] === 'A' ? 'B' : 'A';
    const damaged = access_token.slice(0, signatureStart) + swapped + access_token.slice(signatureStart + 1);
    expect((await me(damaged)).statusCode).toBe(401);
    const [, payload] = access_token.split('.') as [string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await me(none)).statusCode).toBe(401);
  });

  it('refuses an expired token signed with the real key, and accepts the same token unexpired', async () => {
    const user = await t.makeUser();
    const now = nowSeconds();
    const valid = await craftToken({ sub: user.id, iat: now, exp: now + 60 });
    expect((await me(valid)).statusCode).toBe(200);
    const expired = await craftToken({ sub: user.id, iat: now - 1000, exp: now - 100 });
    const response = await me(expired);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid or expired token'));
  });

  it('refuses a token of another type or issuer, or signed with another key', async () => {
    const user = await t.makeUser();
    const now = nowSeconds();
    expect((await me(await craftToken({ sub: user.id, typ: 'refresh', iat: now, exp: now + 60 }))).statusCode).toBe(401);
    expect((await me(await craftToken({ sub: user.id, iss: 'someone-else', iat: now, exp: now + 60 }))).statusCode).toBe(401);
    const foreign = await new SignJWT({ typ: 'access' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer('fleetdeck')
      .setIssuedAt(now).setExpirationTime(now + 60).sign(deriveKey('another-secret-'.padEnd(48, 'y'), 'jwt'));
    expect((await me(foreign)).statusCode).toBe(401);
  });

  it('expire after expires_in by the service clock', async () => {
    const user = await t.makeUser();
    const { access_token, expires_in } = await pairFor(user.username);
    const at = (offsetSeconds: number) => authService({
      db: t.fd.database.db, audit: t.fd.services.audit, counters: memoryCounters(),
      settings: { secret: t.config.secret, sessionTtlMinutes: 480, accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 },
      clock: () => new Date(Date.now() + offsetSeconds * 1000),
    });
    await expect(at(expires_in - 30).resolveBearer(access_token, {})).resolves.toMatchObject({ kind: 'user', id: user.id });
    await expect(at(expires_in + 30).resolveBearer(access_token, {})).rejects.toMatchObject({ status: 401, message: 'Invalid or expired token' });
  });

  it('stop working at once when the user is deactivated', async () => {
    const user = await t.makeUser({ roles: ['viewer'] });
    const { access_token } = await pairFor(user.username);
    expect((await me(access_token)).statusCode).toBe(200);
    const admin = await t.cookieFor(['admin']);
    const patched = await t.fd.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie: admin }, payload: { is_active: false } });
    expect(patched.statusCode).toBe(200);
    const response = await me(access_token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid or expired token'));
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('rotates: a new pair, and the old refresh token is refused', async () => {
    const user = await t.makeUser();
    const first = await pairFor(user.username);
    const rotated = await refresh(first.refresh_token);
    expect(rotated.statusCode).toBe(200);
    const second: TokenPair = rotated.json();
    expect(second).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_token: expect.any(String) });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.access_token).sub).toBe(user.id);
    expect((await me(second.access_token)).statusCode).toBe(200);

    const again = await refresh(first.refresh_token);
    expect(again.statusCode).toBe(401);
    expect(again.json()).toEqual(unauthenticated('Refresh token reuse detected; sign in again'));

    const rows = await t.fd.database.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
  });

  it('revokes the whole family when a used token is presented again: the newest stops working too', async () => {
    const user = await t.makeUser();
    const first = await pairFor(user.username);
    const second: TokenPair = (await refresh(first.refresh_token)).json();
    const third = await refresh(second.refresh_token);
    expect(third.statusCode).toBe(200);
    const newest: TokenPair = third.json();
    const otherSignIn = await pairFor(user.username);

    const reuse = await refresh(first.refresh_token);
    expect(reuse.statusCode).toBe(401);
    const afterReuse = await refresh(newest.refresh_token);
    expect(afterReuse.statusCode).toBe(401);
    expect(afterReuse.json()).toEqual(unauthenticated('Invalid refresh token'));

    const family = await t.fd.database.db.selectFrom('refresh_tokens').selectAll().where('family_id', '=', (await familyOf(first.refresh_token))).execute();
    expect(family).toHaveLength(3);
    expect(family.every((r) => r.revoked_at !== null)).toBe(true);
    // Another sign-in of the same user is another family and keeps working.
    expect((await refresh(otherSignIn.refresh_token)).statusCode).toBe(200);

    const audit = await t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.refresh_reuse').where('resource', '=', `user:${user.id}`).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ decision: 'deny', result_code: 401, request_id: reuse.headers['x-request-id'] });
  });

  it('lets exactly one of several concurrent refreshes of one token succeed, and then revokes the family', async () => {
    const user = await t.makeUser();
    const { refresh_token } = await pairFor(user.username);
    const responses = await Promise.all(Array.from({ length: 4 }, () => refresh(refresh_token)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 401, 401, 401]);
    // Presenting one token twice is reuse: nothing of the family may stay usable, not even the winner's new token.
    const winner: TokenPair = responses.find((r) => r.statusCode === 200)!.json();
    expect((await refresh(winner.refresh_token)).statusCode).toBe(401);
    const family = await t.fd.database.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(family).toHaveLength(2);
  });

  it('refuses an unknown or expired refresh token', async () => {
    const unknown = await refresh('no-such-refresh-token');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(unauthenticated('Invalid refresh token'));

    const user = await t.makeUser();
    const { refresh_token } = await pairFor(user.username);
    await t.fd.database.db.updateTable('refresh_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('token_hash', '=', sha256(refresh_token)).execute();
    const expired = await refresh(refresh_token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual(unauthenticated('Invalid refresh token'));
  });

  it('answers 400 naming refresh_token when it is missing', async () => {
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ field: 'refresh_token', message: 'is required' }]);
  });

  it('refuses the refresh token of a deactivated user', async () => {
    const user = await t.makeUser();
    const { refresh_token } = await pairFor(user.username);
    await t.fd.database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    const response = await refresh(refresh_token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid refresh token'));
  });

  it('refuses every refresh token of a user whose password an admin reset', async () => {
    const user = await t.makeUser();
    const one = await pairFor(user.username);
    const two = await pairFor(user.username);
    const admin = await t.cookieFor(['admin']);
    const reset = await t.fd.app.inject({
      method: 'POST', url: `/api/users/${user.id}/password`, headers: { cookie: admin }, payload: { new_password: 'a-whole-new-password', must_change_pw: false },
    });
    expect(reset.statusCode).toBe(204);
    expect((await refresh(one.refresh_token)).statusCode).toBe(401);
    expect((await refresh(two.refresh_token)).statusCode).toBe(401);
    expect((await tokenLogin(user.username, 'a-whole-new-password')).statusCode).toBe(200);
  });

  it('refuses the refresh tokens of a user who changed their own password', async () => {
    const user = await t.makeUser();
    const pair = await pairFor(user.username);
    const changed = await t.fd.app.inject({
      method: 'POST', url: '/api/auth/change-password', headers: { authorization: `Bearer ${pair.access_token}` },
      payload: { current_password: TEST_PASSWORD, new_password: 'my-own-new-password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await refresh(pair.refresh_token)).statusCode).toBe(401);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('revokes the refresh token\u2019s family and answers 204', async () => {
    const user = await t.makeUser();
    const first = await pairFor(user.username);
    const second: TokenPair = (await refresh(first.refresh_token)).json();
    const other = await pairFor(user.username);
    const out = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refresh_token: second.refresh_token } });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const response = await refresh(second.refresh_token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(unauthenticated('Invalid refresh token'));
    const family = await t.fd.database.db.selectFrom('refresh_tokens').selectAll().where('family_id', '=', await familyOf(first.refresh_token)).execute();
    expect(family.map((r) => r.revoked_at === null)).toEqual([false, false]);
    expect((await refresh(other.refresh_token)).statusCode).toBe(200);
  });

  it('answers 204 for an unknown refresh token and for none', async () => {
    expect((await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refresh_token: 'unknown-token' } })).statusCode).toBe(204);
    expect((await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: {} })).statusCode).toBe(204);
  });
});

async function familyOf(refreshToken: string): Promise<string> {
  const row = await t.fd.database.db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirstOrThrow();
  return row.family_id;
}
