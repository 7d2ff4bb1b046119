import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError, UpstreamUnavailableError } from '../../../src/core/errors.js';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { SaltClientOptions } from '../../../src/salt/client/types.js';
import { cherryPyError, type FakeRoutes, type FakeSaltApi, startFakeSaltApi } from './fake-salt-api.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './tls-fixture.js';

const PING = { body: { return: [{ 'web-01': true }] } };
const FAST = { backoff: { baseMs: 1, maxMs: 5 } };
let api: FakeSaltApi | undefined;
let client: SaltClient | undefined;

async function setup(routes: FakeRoutes, options: SaltClientOptions = {}) {
  api = await startFakeSaltApi(routes);
  client = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { ...FAST, ...options });
  return { api, client };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return error;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

describe('Salt-API client failures', () => {
  it('retries a 5xx with back-off and succeeds when Salt recovers', async () => {
    const { api, client } = await setup({ run: (_c, n) => (n < 3 ? cherryPyError(503, 'Service Unavailable', 'Salt Master is not available.') : PING) });
    expect(await client.local('*', 'test.ping')).toEqual({ 'web-01': true });
    expect(api.calls()).toHaveLength(3);
  });

  it('answers 502 with the last 5xx once the retries run out', async () => {
    const { api, client } = await setup({ run: () => ({ status: 500, body: { status: 500, return: 'An unexpected error occurred' } }) }, { maxRetries: 2 });
    const error = await failure(client.runner('jobs.list_jobs'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe('Salt-API error 500: An unexpected error occurred');
    expect(api.calls()).toHaveLength(3);
  });

  it('does not retry a 4xx and extracts the CherryPy message', async () => {
    const { api, client } = await setup({ run: () => cherryPyError(400, 'Bad Request', 'Client disabled: &#x27;ssh&#x27;. Add to &#x27;netapi_enable_clients&#x27; master config option to enable.') });
    const error = await failure(client.local('*', 'test.ping'));
    expect(error).toEqual(new UpstreamError("Salt-API error 400: Client disabled: 'ssh'. Add to 'netapi_enable_clients' master config option to enable."));
    expect(api.calls()).toHaveLength(1);
  });

  it('retries a dropped connection and succeeds', async () => {
    const { api, client } = await setup({ run: (_c, n) => (n === 1 ? 'destroy' : PING) });
    expect(await client.local('*', 'test.ping')).toEqual({ 'web-01': true });
    expect(api.calls()).toHaveLength(2);
  });

  it('answers 503 when the connection keeps dropping', async () => {
    const { api, client } = await setup({ run: () => 'destroy' }, { maxRetries: 1 });
    const error = await failure(client.local('*', 'test.ping'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toMatch(/^Salt-API unreachable: /);
    expect(api.calls()).toHaveLength(2);
  });

  it('answers 503 "timed out" when Salt is slower than the call deadline', async () => {
    const { client } = await setup({ run: () => ({ ...PING, delayMs: 2_000 }) }, { timeoutMs: 150 });
    const started = Date.now();
    const error = await failure(client.local('*', 'test.ping'));
    expect(error).toEqual(new UpstreamUnavailableError('Salt-API unreachable: timed out after 150 ms'));
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers 503 when nothing listens, after retrying', async () => {
    const port = await closedPort();
    client = createSaltClient({ url: `http://127.0.0.1:${port}`, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { ...FAST, maxRetries: 2 });
    const error = await failure(client.local('*', 'test.ping'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toMatch(/^Salt-API unreachable: .*ECONNREFUSED/);
  });

  it('answers 502 for a 200 whose body is not JSON, or not salt-api\'s shape', async () => {
    const { client } = await setup({ run: (_c, n) => (n === 1 ? { body: '{"return": [tru' } : { body: { nope: 1 } }) });
    expect(await failure(client.local('*', 'test.ping'))).toEqual(new UpstreamError('Salt-API error 200: invalid JSON in response'));
    expect(await failure(client.local('*', 'test.ping'))).toEqual(new UpstreamError('Salt-API error 200: unexpected response: no "return" list'));
  });

  it('answers 503 "not configured" without any request when the URL or credentials are missing', async () => {
    for (const connection of [{ url: '' }, { password: '' }, { url: 'not a url' }, { url: 'ftp://salt:21' }]) {
      const unconfigured = createSaltClient({ url: 'http://127.0.0.1:1', username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true, ...connection });
      const error = await failure(unconfigured.local('*', 'test.ping'));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(/^Salt-API unreachable: (not configured|invalid URL|unsupported URL scheme ftp:)$/);
      await expect(failure(unconfigured.login())).resolves.toBeInstanceOf(UpstreamUnavailableError);
      await unconfigured.close();
    }
  });

  it('stops waiting when the caller aborts', async () => {
    const { client } = await setup({ run: () => ({ ...PING, delayMs: 2_000 }) });
    const error = await failure(client.local('*', 'test.ping', {}, { signal: AbortSignal.timeout(100) }));
    expect(error).toEqual(new UpstreamUnavailableError('Salt-API unreachable: request cancelled'));
  });

  it('accepts a self-signed certificate only when verifyTls is off', async () => {
    api = await startFakeSaltApi({ run: () => PING }, { cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY });
    const strict = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { ...FAST, maxRetries: 0 });
    const error = await failure(strict.local('*', 'test.ping'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toMatch(/certificate/i);
    await strict.close();
    client = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: false }, FAST);
    expect(await client.local('*', 'test.ping')).toEqual({ 'web-01': true });
  });
});
