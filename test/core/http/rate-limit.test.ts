import { randomInt, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryCounters, redisCounters } from '../../../src/core/http/counters.js';
import { createTestApp, type TestApp } from '../../support/app.js';

const LIMIT = 3;

/** A client address of its own, so that address-keyed counts never meet another test's. */
const uniqueAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function expectLimitHeaders(response: LightMyRequestResponse, remaining: number) {
  expect(response.headers['x-ratelimit-limit']).toBe(String(LIMIT));
  expect(response.headers['x-ratelimit-remaining']).toBe(String(remaining));
}

function expectRateLimited(response: LightMyRequestResponse, sentAtMs: number) {
  expect(response.statusCode).toBe(429);
  expectLimitHeaders(response, 0);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const reset = Number(response.headers['x-ratelimit-reset']);
  expect(Number.isInteger(reset)).toBe(true);
  expect(reset).toBeGreaterThanOrEqual(Math.floor(sentAtMs / 1000));
  expect(reset).toBeLessThanOrEqual(Math.ceil((sentAtMs + 61_000) / 1000));
  expect(response.json()).toEqual({
    error: { code: 'rate_limited', message: 'Rate limit exceeded', details: [] },
    request_id: response.headers['x-request-id'],
  });
}

describe('rate limits on /api/v1 (in memory)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => t.close());

  const me = (cookie: string) => t.fd.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });

  it('puts X-RateLimit-Limit and X-RateLimit-Remaining on a 200, counting down', async () => {
    const cookie = await t.cookieFor(['viewer']);
    for (const remaining of [2, 1, 0]) {
      const response = await me(cookie);
      expect(response.statusCode).toBe(200);
      expectLimitHeaders(response, remaining);
      expect(response.headers['x-ratelimit-reset']).toBeUndefined();
      expect(response.headers['retry-after']).toBeUndefined();
    }
  });

  it('puts the headers on refusals too: 400, 403, 404 and 401', async () => {
    const viewer = await t.cookieFor(['viewer']);
    const forbidden = await t.fd.app.inject({ url: '/api/v1/settings/api-keys', headers: { cookie: viewer } });
    expect(forbidden.statusCode).toBe(403);
    expectLimitHeaders(forbidden, 2);

    const admin = await t.cookieFor(['admin']);
    const invalid = await t.fd.app.inject({ url: '/api/v1/settings/api-keys?page_size=0', headers: { cookie: admin } });
    expect(invalid.statusCode).toBe(400);
    expectLimitHeaders(invalid, 2);
    const missing = await t.fd.app.inject({ url: `/api/v1/settings/api-keys/${randomUUID()}`, headers: { cookie: admin } });
    expect(missing.statusCode).toBe(404);
    expectLimitHeaders(missing, 1);

    const anonymous = await t.fd.app.inject({ url: '/api/v1/auth/me', remoteAddress: uniqueAddress() });
    expect(anonymous.statusCode).toBe(401);
    expectLimitHeaders(anonymous, 2);
  });

  it('counts refused requests too: past the limit a client with a bad token gets 429, not 401', async () => {
    const address = uniqueAddress();
    const guess = () => t.fd.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer guessed' }, remoteAddress: address });
    for (const remaining of [2, 1, 0]) {
      const response = await guess();
      expect(response.statusCode).toBe(401);
      expectLimitHeaders(response, remaining);
    }
    expectRateLimited(await guess(), Date.now());
  });

  it('counts a permission refusal against the principal', async () => {
    const viewer = await t.cookieFor(['viewer']);
    for (let i = 0; i < LIMIT; i++) expect((await t.fd.app.inject({ url: '/api/v1/audit', headers: { cookie: viewer } })).statusCode).toBe(403);
    expectRateLimited(await me(viewer), Date.now());
  });

  it('puts the headers on a 404 for an unknown /api/v1 path', async () => {
    const response = await t.fd.app.inject({ url: '/api/v1/no-such-thing', remoteAddress: uniqueAddress() });
    expect(response.statusCode).toBe(404);
    expectLimitHeaders(response, 2);
  });

  it('answers 429 past the limit, with Retry-After, X-RateLimit-Reset and the v1 error body', async () => {
    const cookie = await t.cookieFor(['viewer']);
    for (let i = 0; i < LIMIT; i++) expect((await me(cookie)).statusCode).toBe(200);
    const sentAt = Date.now();
    const limited = await me(cookie);
    expectRateLimited(limited, sentAt);
    expectRateLimited(await me(cookie), sentAt);
  });

  it('limits each principal on its own: another user still passes', async () => {
    const first = await t.cookieFor(['viewer']);
    const second = await t.cookieFor(['viewer']);
    for (let i = 0; i < LIMIT; i++) expect((await me(first)).statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(429);
    const other = await me(second);
    expect(other.statusCode).toBe(200);
    expectLimitHeaders(other, 2);
  });

  it('counts one user\u2019s requests together whatever the address or the credential', async () => {
    const user = await t.makeUser({ roles: ['viewer'] });
    const cookieA = await t.login(user.username);
    const cookieB = await t.login(user.username);
    expect((await t.fd.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookieA }, remoteAddress: uniqueAddress() })).statusCode).toBe(200);
    expect((await t.fd.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookieB }, remoteAddress: uniqueAddress() })).statusCode).toBe(200);
    expect((await me(cookieA)).statusCode).toBe(200);
    expect((await me(cookieB)).statusCode).toBe(429);
  });

  it('limits an API key by the key, apart from its creator', async () => {
    const creator = await t.makeUser({ roles: ['admin'] });
    const cookie = await t.login(creator.username);
    const created = await t.fd.app.inject({ method: 'POST', url: '/api/v1/settings/api-keys', headers: { cookie }, payload: { name: t.unique('key'), permissions: ['view:audit:*'] } });
    expect(created.statusCode).toBe(201);
    const key: string = created.json().key;
    const withKey = () => t.fd.app.inject({ url: '/api/v1/audit', headers: { 'x-api-key': key } });
    for (const remaining of [2, 1, 0]) expectLimitHeaders(await withKey(), remaining);
    expect((await withKey()).statusCode).toBe(429);
    // The creator has spent one request (the creation); the key's requests are not theirs.
    expectLimitHeaders(await me(cookie), 1);
  });

  it('limits anonymous requests by client address', async () => {
    const address = uniqueAddress();
    const login = () => t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: address });
    for (const remaining of [2, 1, 0]) {
      const response = await login();
      expect(response.statusCode).toBe(400);
      expectLimitHeaders(response, remaining);
    }
    expectRateLimited(await login(), Date.now());
    expect((await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: uniqueAddress() })).statusCode).toBe(400);
  });

  it('leaves the Salt console surface (/api) and health unlimited', async () => {
    const cookie = await t.cookieFor(['admin']);
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await t.fd.app.inject({ url: '/api/auth/me', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
    for (let i = 0; i < LIMIT + 2; i++) expect((await t.fd.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('memoryCounters', () => {
  it('counts hits in a fixed window that resets when it ends', async () => {
    let now = 1_000_000;
    const counters = memoryCounters(() => now);
    expect(await counters.hit('k', 60_000)).toEqual({ count: 1, resetAtMs: 1_060_000 });
    now += 30_000;
    expect(await counters.hit('k', 60_000)).toEqual({ count: 2, resetAtMs: 1_060_000 });
    now += 29_999;
    expect(await counters.hit('k', 60_000)).toEqual({ count: 3, resetAtMs: 1_060_000 });
    now += 1;
    expect(await counters.peek('k')).toBeNull();
    expect(await counters.hit('k', 60_000)).toEqual({ count: 1, resetAtMs: 1_120_000 });
  });

  it('keeps keys apart, peeks without counting, and resets a key', async () => {
    let now = 0;
    const counters = memoryCounters(() => now);
    await counters.hit('a', 1000);
    await counters.hit('a', 1000);
    await counters.hit('b', 1000);
    expect(await counters.peek('a')).toEqual({ count: 2, resetAtMs: 1000 });
    expect(await counters.peek('a')).toEqual({ count: 2, resetAtMs: 1000 });
    expect(await counters.peek('b')).toEqual({ count: 1, resetAtMs: 1000 });
    expect(await counters.peek('c')).toBeNull();
    await counters.reset('a');
    expect(await counters.peek('a')).toBeNull();
    expect(await counters.peek('b')).toEqual({ count: 1, resetAtMs: 1000 });
    now = 500;
    expect(await counters.hit('a', 1000)).toEqual({ count: 1, resetAtMs: 1500 });
  });

  it('hands out copies: changing a result does not change the count', async () => {
    const counters = memoryCounters(() => 0);
    const first = await counters.hit('k', 1000);
    first.count = 100;
    expect(await counters.hit('k', 1000)).toEqual({ count: 2, resetAtMs: 1000 });
  });

  it('forgets everything on close', async () => {
    const counters = memoryCounters(() => 0);
    await counters.hit('k', 1000);
    await counters.close();
    expect(await counters.peek('k')).toBeNull();
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL;

describe.skipIf(!REDIS_URL)('rate limits shared through Redis', () => {
  const connections: Redis[] = [];
  const prefixes: string[] = [];
  const connect = () => {
    const redis = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
    connections.push(redis);
    return redis;
  };
  const uniquePrefix = () => {
    const prefix = `fleetdeck-test:${randomUUID()}:`;
    prefixes.push(prefix);
    return prefix;
  };

  afterAll(async () => {
    const redis = connect();
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('redisCounters on two connections share one count and one window', async () => {
    const prefix = uniquePrefix();
    const a = redisCounters(connect(), prefix);
    const b = redisCounters(connect(), prefix);
    const start = Date.now();
    const first = await a.hit('user:1', 60_000);
    expect(first.count).toBe(1);
    expect(first.resetAtMs).toBeGreaterThanOrEqual(start + 59_000);
    expect(first.resetAtMs).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((await b.hit('user:1', 60_000)).count).toBe(2);
    const third = await a.hit('user:1', 60_000);
    expect(third.count).toBe(3);
    // The window is fixed by the first hit: later hits do not push it out.
    expect(third.resetAtMs).toBeLessThanOrEqual(first.resetAtMs + 50);
    expect(await b.peek('user:1')).toMatchObject({ count: 3 });
    expect((await b.hit('user:2', 60_000)).count).toBe(1);
    await b.reset('user:1');
    expect(await a.peek('user:1')).toBeNull();
    expect(await a.peek('user:2')).toMatchObject({ count: 1 });
  });

  it('redisCounters start a new window when the old one ends', async () => {
    const counters = redisCounters(connect(), uniquePrefix());
    await counters.hit('k', 150);
    expect((await counters.hit('k', 150)).count).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await counters.peek('k')).toBeNull();
    expect((await counters.hit('k', 150)).count).toBe(1);
  });

  describe('two app instances with REDIS_URL', () => {
    let one: TestApp;
    let two: TestApp;
    const address = uniqueAddress();
    beforeAll(async () => {
      [one, two] = await Promise.all([
        createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_URL: REDIS_URL as string }),
        createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_URL: REDIS_URL as string }),
      ]);
    });
    afterAll(async () => {
      const redis = connect();
      await redis.del(`fleetdeck:rl:ip:${address}`);
      await Promise.all([one?.close(), two?.close()]);
    });

    it('report Redis in /readyz', async () => {
      const response = await one.fd.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ready', checks: { db: 'ok', redis: 'ok' } });
    });

    it('share one count: the limit holds across both', async () => {
      const login = (app: TestApp) => app.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: address });
      expectLimitHeaders(await login(one), 2);
      expectLimitHeaders(await login(two), 1);
      expectLimitHeaders(await login(one), 0);
      const sentAt = Date.now();
      expectRateLimited(await login(two), sentAt);
      expectRateLimited(await login(one), sentAt);
      const ttl = await connect().pttl(`fleetdeck:rl:ip:${address}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });
  });
});
