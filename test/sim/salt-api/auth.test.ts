import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { errorMessage, SaltClient, sleep, startSim } from './support.js';

describe('salt-api simulator authentication', () => {
  let sim: SaltApiSimulator;

  beforeAll(async () => {
    sim = await startSim({ username: 'ops', password: 's3cret', tokenTtlSeconds: 600 });
  });
  afterAll(() => sim.close());

  it('logs in with JSON and answers a session token, expire and the session cookie', async () => {
    const api = new SaltClient(sim.url);
    const reply = await api.login('ops', 's3cret', 'pam');
    expect(reply.status).toBe(200);
    const body = reply.json() as { return: { token: string; start: number; expire: number; user: string; eauth: string; perms: unknown }[] };
    const session = body.return[0];
    expect(session?.token).toMatch(/^[0-9a-f]{40}$/);
    expect(reply.headers.get('x-auth-token')).toBe(session?.token);
    expect(reply.headers.get('set-cookie')).toMatch(new RegExp(`^session_id=${session?.token}; expires=.+; Max-Age=36000; Path=/$`));
    expect((session?.expire ?? 0) - (session?.start ?? 0)).toBeCloseTo(600, 3);
    expect(session).toMatchObject({ user: 'ops', eauth: 'pam', perms: ['.*', '@jobs', '@runner', '@wheel'] });
  });

  it('logs in with a form body, for every supported eauth backend', async () => {
    for (const eauth of ['pam', 'sharedsecret', 'ldap', 'file', 'auto']) {
      const reply = await new SaltClient(sim.url).request('POST', '/login', `username=ops&password=s3cret&eauth=${eauth}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(reply.status, eauth).toBe(200);
    }
  });

  it('refuses bad credentials and unknown eauth backends with the CherryPy 401 page', async () => {
    for (const [user, password, eauth] of [['ops', 'nope', 'pam'], ['nobody', 's3cret', 'pam'], ['ops', 's3cret', 'kerberos']]) {
      const reply = await new SaltClient(sim.url).login(user, password, eauth);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('content-type')).toBe('text/html;charset=utf-8');
      expect(reply.text).toContain('<title>401 Unauthorized</title>');
      expect(errorMessage(reply.text)).toBe('Could not authenticate using provided credentials');
    }
  });

  it('answers GET /login with the log-in prompt', async () => {
    const reply = await new SaltClient(sim.url).request('GET', '/login');
    expect(reply.json()).toEqual({ status: null, return: 'Please log in' });
    expect(reply.headers.get('www-authenticate')).toBe('Session');
  });

  it('requires a session everywhere else, by header or cookie', async () => {
    const anon = new SaltClient(sim.url);
    for (const [method, path] of [['POST', '/'], ['GET', '/minions'], ['GET', '/jobs'], ['GET', '/keys'], ['GET', '/stats'], ['POST', '/logout']]) {
      const reply = await anon.request(method ?? 'GET', path ?? '/', method === 'POST' ? [{ client: 'runner', fun: 'manage.up' }] : undefined);
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(errorMessage(reply.text)).toBe('No permission -- see authorization schemes');
    }
    const unknown = new SaltClient(sim.url);
    unknown.token = 'ab'.repeat(20);
    expect((await unknown.request('GET', '/keys')).status).toBe(401);
    const api = new SaltClient(sim.url);
    await api.login('ops', 's3cret');
    const byCookie = await fetch(`${sim.url}/keys`, { headers: { Cookie: `session_id=${api.token}` } });
    expect(byCookie.status).toBe(200);
  });

  it('forgets the session on logout', async () => {
    const api = new SaltClient(sim.url);
    await api.login('ops', 's3cret');
    const out = await api.request('POST', '/logout');
    expect(out.json()).toEqual({ return: 'Your token has been cleared' });
    expect((await api.request('GET', '/keys')).status).toBe(401);
  });

  it('answers 401 once the Salt token behind a session has expired, worded per client', async () => {
    const short = await startSim({ tokenTtlSeconds: 1 });
    try {
      const api = new SaltClient(short.url);
      await api.login();
      expect((await api.request('POST', '/', [{ client: 'runner', fun: 'manage.up' }])).status).toBe(200);
      await sleep(1100);
      const local = await api.request('POST', '/', [{ client: 'local', tgt: '*', fun: 'test.ping' }]);
      expect(local.status).toBe(401);
      expect(errorMessage(local.text)).toBe('Authentication error occurred.');
      const runner = await api.request('POST', '/', [{ client: 'runner', fun: 'manage.up' }]);
      expect(errorMessage(runner.text)).toBe('Authentication failure of type "token" occurred.');
      expect((await fetch(`${short.url}/events?token=${api.token}`)).status).toBe(401);
      expect((await api.login()).status).toBe(200);
      expect((await api.request('POST', '/', [{ client: 'runner', fun: 'manage.up' }])).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  it('expireTokens() lets a test force the re-login path without waiting', async () => {
    const api = new SaltClient(sim.url);
    await api.login('ops', 's3cret');
    sim.expireTokens();
    expect((await api.request('GET', '/minions/web-01')).status).toBe(401);
  });

  it('POST /token issues a Salt token that /run and /events accept; /run refuses session tokens', async () => {
    const anon = new SaltClient(sim.url);
    const missing = await anon.request('POST', '/token', { username: 'ops', password: 's3cret' });
    expect(missing.status).toBe(400);
    expect(errorMessage(missing.text)).toBe('Require "username", "password", and "eauth" params');
    const issued = (await anon.request('POST', '/token', { username: 'ops', password: 's3cret', eauth: 'pam' })).json() as { token: string }[];
    const token = issued[0]?.token ?? '';
    const run = await anon.request('POST', '/run', [{ client: 'runner', fun: 'manage.up', token }]);
    expect(run.status).toBe(200);
    const session = new SaltClient(sim.url);
    await session.login('ops', 's3cret');
    const refused = await anon.request('POST', '/run', [{ client: 'local', tgt: '*', fun: 'test.ping', token: session.token }]);
    expect(refused.status).toBe(401);
    const notHex = await anon.request('POST', '/run', [{ client: 'local', tgt: '*', fun: 'test.ping', token: 'not-a-token' }]);
    expect(errorMessage(notHex.text)).toBe('Invalid token');
    const badCreds = await anon.request('POST', '/run', [{ client: 'local', tgt: '*', fun: 'test.ping', username: 'ops', password: 'x', eauth: 'pam' }]);
    expect(badCreds.status).toBe(401);
    expect(errorMessage(badCreds.text)).toBe('Authentication error occurred.');
  });
});
