import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createTestApp, TEST_PASSWORD, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('POST /api/auth/login', () => {
  it('sets a signed, HttpOnly, SameSite=Lax session cookie and returns UserOut', async () => {
    const user = await t.makeUser({ roles: ['viewer'] });
    const response = await login(user.username.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'halite_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toContain('.');
    const body = response.json();
    expect(body).toEqual({ username: user.username, display_name: '', must_change_pw: false, permissions: expect.any(Array) });
    expect(body.permissions).toContainEqual({ verb: 'view', resource_glob: 'job:*' });
  });

  it('answers 401 "Invalid credentials" for a wrong password and audits the denial without the password', async () => {
    const user = await t.makeUser();
    const response = await login(user.username, 'wrong-password');
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Invalid credentials');
    const rows = await t.fd.database.db.selectFrom('audit_log').selectAll().where('resource', '=', `user:${user.username}`).where('action', '=', 'auth.login').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login', decision: 'deny', result_code: 401, user_id: null });
    expect(JSON.parse(rows[0]!.args_json!)).toEqual({ username: user.username, password: '[REDACTED]' });
  });

  it('answers 401 for an unknown or deactivated user', async () => {
    expect((await login('nobody-here', TEST_PASSWORD)).statusCode).toBe(401);
    const user = await t.makeUser();
    await t.fd.database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const user = await t.makeUser();
    for (let i = 0; i < 10; i++) expect((await login(user.username, 'wrong-password')).statusCode).toBe(401);
    const throttled = await login(user.username, TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 422 naming the missing field', async () => {
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail[0].loc).toEqual(['body', 'password']);
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 with each reason: no cookie, bad signature, expired session', async () => {
    const none = await t.fd.app.inject({ url: '/api/auth/me' });
    expect([none.statusCode, none.json().detail]).toEqual([401, 'Not authenticated']);
    const forged = await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie: 'halite_session=abc.def' } });
    expect([forged.statusCode, forged.json().detail]).toEqual([401, 'Invalid session']);
    const user = await t.makeUser();
    const cookie = await t.login(user.username);
    await t.fd.database.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', user.id).execute();
    const expired = await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect([expired.statusCode, expired.json().detail]).toEqual([401, 'Session expired']);
  });

  it('fails at once when the user is deactivated', async () => {
    const user = await t.makeUser();
    const cookie = await t.login(user.username);
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await t.fd.database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('forced password change', () => {
  it('blocks everything but me, change-password and logout until the password is changed', async () => {
    const user = await t.makeUser({ roles: ['admin'], mustChange: true });
    const cookie = await t.login(user.username);
    const blocked = await t.fd.app.inject({ url: '/api/users', headers: { cookie } });
    expect([blocked.statusCode, blocked.json().detail]).toEqual([403, 'Password change required']);
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().must_change_pw).toBe(true);

    const wrong = await t.fd.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload: { current_password: 'nope-nope', new_password: 'another-password' } });
    expect([wrong.statusCode, wrong.json().detail]).toEqual([403, 'Current password is incorrect']);
    const short = await t.fd.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload: { current_password: TEST_PASSWORD, new_password: 'short' } });
    expect(short.statusCode).toBe(422);

    const changed = await t.fd.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload: { current_password: TEST_PASSWORD, new_password: 'another-password' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.fd.app.inject({ url: '/api/users', headers: { cookie } })).statusCode).toBe(200);
    expect((await login(user.username, 'another-password')).statusCode).toBe(200);
  });

  it('ends the user\u2019s other sessions but keeps the current one', async () => {
    const user = await t.makeUser();
    const first = await t.login(user.username);
    const second = await t.login(user.username);
    const changed = await t.fd.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie: first }, payload: { current_password: TEST_PASSWORD, new_password: 'brand-new-password' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
  });
});

describe('POST /api/auth/logout', () => {
  it('deletes the session and clears the cookie; answers 204 even without a session', async () => {
    const user = await t.makeUser();
    const cookie = await t.login(user.username);
    const out = await t.fd.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'halite_session')?.value).toBe('');
    expect((await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.fd.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie write whose Origin is another site, and allows the same origin', async () => {
    const cookie = await t.cookieFor(['admin']);
    const payload = { name: t.unique('role') };
    const evil = await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie, origin: 'https://evil.example', host: 'fleetdeck.local' }, payload });
    expect([evil.statusCode, evil.json().detail]).toEqual([403, 'Cross-site request refused']);
    const fetchMeta = await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie, 'sec-fetch-site': 'cross-site' }, payload });
    expect(fetchMeta.statusCode).toBe(403);
    const same = await t.fd.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie, origin: 'http://fleetdeck.local', host: 'fleetdeck.local' }, payload });
    expect(same.statusCode).toBe(201);
  });
});

describe('sliding sessions', () => {
  it('pushes the expiry forward when the session is used after a minute', async () => {
    const user = await t.makeUser();
    const cookie = await t.login(user.username);
    const past = new Date(Date.now() - 5 * 60_000).toISOString();
    await t.fd.database.db.updateTable('sessions').set({ last_seen_at: past, expires_at: new Date(Date.now() + 60_000).toISOString() }).where('user_id', '=', user.id).execute();
    const response = await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(cookieOf(response)).toBe(cookie);
    const session = await t.fd.database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(new Date(session.expires_at).getTime()).toBeGreaterThan(Date.now() + 400 * 60_000);
  });
});
