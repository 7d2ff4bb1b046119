import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/core/errors.js';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { SaltConnection } from '../../../src/salt/client/types.js';
import { cherryPyError, type FakeRoutes, type FakeSaltApi, loginReply, startFakeSaltApi } from './fake-salt-api.js';

const PING = { body: { return: [{ 'web-01': true }] } };
let api: FakeSaltApi | undefined;
let client: SaltClient | undefined;

async function setup(routes: FakeRoutes, options: Parameters<typeof createSaltClient>[1] = {}, eauth: SaltConnection['eauth'] = 'pam') {
  api = await startFakeSaltApi(routes);
  client = createSaltClient({ url: `${api.url}/`, username: 'salt', password: 's3cr3t', eauth, verifyTls: true }, { backoff: { baseMs: 1, maxMs: 5 }, ...options });
  return { api, client };
}

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

describe('Salt-API client sessions', () => {
  it('logs in with the eauth backend, then sends the token in X-Auth-Token on POST /', async () => {
    const { api, client } = await setup({ run: () => PING }, {}, 'sharedsecret');
    expect(await client.local('web-01', 'test.ping')).toEqual({ 'web-01': true });
    const [login, call] = api.requests;
    expect(login).toMatchObject({ method: 'POST', url: '/login', body: { username: 'salt', password: 's3cr3t', eauth: 'sharedsecret' } });
    expect(login?.headers['content-type']).toBe('application/json');
    expect(call).toMatchObject({ method: 'POST', url: '/', body: [{ client: 'local', tgt: 'web-01', tgt_type: 'glob', fun: 'test.ping' }] });
    expect(call?.headers['x-auth-token']).toBe('token-1');
    expect(call?.headers.accept).toBe('application/json');
  });

  it('shares one login among concurrent callers and reuses the token afterwards', async () => {
    const { api, client } = await setup({ login: (n) => ({ ...(loginReply(`token-${n}`) as object), delayMs: 50 }), run: () => PING });
    await Promise.all(Array.from({ length: 10 }, () => client.local('*', 'test.ping')));
    await client.local('*', 'test.ping');
    expect(api.logins()).toBe(1);
    expect(api.calls().every((r) => r.headers['x-auth-token'] === 'token-1')).toBe(true);
  });

  it('renews the token 60 s before Salt says it expires', async () => {
    let now = 1_800_000_000_000;
    const expire = now / 1000 + 3600;
    const { api, client } = await setup({ login: (n) => loginReply(`token-${n}`, expire), run: () => PING }, { clock: () => now });
    await client.local('*', 'test.ping');
    now += (3600 - 61) * 1000;
    await client.local('*', 'test.ping');
    expect(api.logins()).toBe(1);
    now += 2000;
    await client.local('*', 'test.ping');
    expect(api.logins()).toBe(2);
    expect(api.calls().map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-1', 'token-2']);
  });

  it('logs in again once on a 401 (salt-api restarted) and resends the call', async () => {
    const { api, client } = await setup({ run: (_chunks, _n, req) => (req.headers['x-auth-token'] === 'token-1' ? cherryPyError(401, 'Unauthorized', 'No permission -- see authorization schemes') : PING) });
    expect(await client.local('*', 'test.ping')).toEqual({ 'web-01': true });
    expect(api.logins()).toBe(2);
    expect(api.calls().map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
  });

  it('gives up with 502 when the fresh token is refused too', async () => {
    const { api, client } = await setup({ run: () => cherryPyError(401, 'Unauthorized', 'Authorization error occurred.') });
    const error = await client.local('*', 'test.ping').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe('Salt-API error 401: Authorization error occurred.');
    expect(api.logins()).toBe(2);
    expect(api.calls()).toHaveLength(2);
  });

  it('reports refused credentials as a 502 with CherryPy\'s message, without retrying', async () => {
    const { api, client } = await setup({ login: () => cherryPyError(401, 'Unauthorized', 'Could not authenticate using provided credentials') });
    await expect(client.login()).rejects.toThrow(new UpstreamError('Salt-API error 401: Could not authenticate using provided credentials'));
    expect(api.logins()).toBe(1);
  });

  it('assumes a 10 minute token when the login answer has no expire', async () => {
    let now = 1_800_000_000_000;
    const { api, client } = await setup({ login: (n) => ({ body: { return: [{ token: `t${n}` }] } }), run: () => PING }, { clock: () => now });
    await client.local('*', 'test.ping');
    now += 539_000;
    await client.local('*', 'test.ping');
    now += 2_000;
    await client.local('*', 'test.ping');
    expect(api.logins()).toBe(2);
  });
});
