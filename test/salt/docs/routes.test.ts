import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/rbac/actor.js';
import { startSaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
let sim: Awaited<ReturnType<typeof startSaltApiSimulator>>;

beforeAll(async () => {
  sim = await startSaltApiSimulator({ port: 0, minions: 6, offlineMinions: 0 });
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const functions = (cookie?: string) => t.fd.app.inject({ url: '/api/salt/functions', headers: cookie ? { cookie } : {} });

describe('GET /api/salt/functions', () => {
  it('answers 401 without a session and 403 to a user who cannot run Salt functions', async () => {
    expect((await functions()).statusCode).toBe(401);
    expect((await functions(await t.cookieFor(['viewer']))).statusCode).toBe(403);
  });

  it('answers 503 while no Salt connection is configured', async () => {
    const response = await functions(await t.cookieFor(['operator']));
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/not configured/);
  });

  it('lists the union of the minions\u2019 functions, sorted, and serves concurrent and later calls from one Salt call', async () => {
    await t.fd.services.saltSettings.updateSalt(SYSTEM_ACTOR, { url: sim.url, username: 'salt', password: 'salt', verify: false, eauth: 'pam' });
    const cookie = await t.cookieFor(['operator']);
    const [first, second] = await Promise.all([functions(cookie), functions(cookie)]);
    expect(first.statusCode).toBe(200);
    const body = first.json() as { functions: string[]; cached_at: string };
    expect(body.functions).toContain('test.ping');
    expect(body.functions).toContain('state.apply');
    expect(body.functions).toEqual([...body.functions].sort());
    expect(new Set(body.functions).size).toBe(body.functions.length);
    expect(second.json().cached_at).toBe(body.cached_at);
    expect((await functions(cookie)).json().cached_at).toBe(body.cached_at);
  });

  it('starts a new catalogue when the connection changes', async () => {
    const cookie = await t.cookieFor(['operator']);
    const before = (await functions(cookie)).json().cached_at as string;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.fd.services.saltSettings.updateSalt(SYSTEM_ACTOR, { eauth: 'auto' });
    const after = (await functions(cookie)).json().cached_at as string;
    expect(after > before).toBe(true);
  });
});
