import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { errorMessage, SaltClient, startSim } from './support.js';

/** A raw HTTP exchange, for what fetch hides (Content-Length, gzip bytes, odd methods). */
function raw(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('salt-api simulator HTTP protocol', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;

  beforeAll(async () => {
    sim = await startSim();
    api = new SaltClient(sim.url);
    await api.login();
  });
  afterAll(() => sim.close());

  it('welcomes GET / without a session and lists the clients', async () => {
    const reply = await new SaltClient(sim.url).request('GET', '/');
    expect(reply.json()).toEqual({ return: 'Welcome', clients: ['local', 'local_async', 'local_batch', 'local_subset', 'runner', 'runner_async', 'ssh', 'wheel', 'wheel_async'] });
    expect(reply.headers.get('server')).toBe('CherryPy/18.8.0');
    expect(reply.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.text).toBe('{"return": "Welcome", "clients": ["local", "local_async", "local_batch", "local_subset", "runner", "runner_async", "ssh", "wheel", "wheel_async"]}');
  });

  it('answers lowstate errors with 400 pages', async () => {
    const cases: [unknown, string][] = [
      [{}, 'Lowstates must be a list'],
      ['not json', 'Invalid JSON document'],
      [[{ client: 'bogus', fun: 'test.ping' }], "Invalid client specified: 'bogus'"],
      [[{ fun: 'test.ping' }], "Invalid client specified: 'None'"],
      [[{ client: 'ssh', tgt: '*', fun: 'test.ping' }], "Client disabled: 'ssh'. Add to 'netapi_enable_clients' master config option to enable."],
    ];
    for (const [body, message] of cases) {
      const reply = await api.request('POST', '/', body);
      expect(reply.status, message).toBe(400);
      expect(errorMessage(reply.text)).toBe(message);
    }
    expect(errorMessage((await api.request('POST', '/')).text)).toBe('Lowstates must be a list');
  });

  it('answers 404, 405 and 406 as CherryPy does', async () => {
    const missing = await api.request('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(errorMessage(missing.text)).toBe("The path '/nope' was not found.");
    const del = await api.request('DELETE', '/keys/web-01');
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(errorMessage(del.text)).toBe('Specified method is invalid for this resource');
    const csv = await api.request('GET', '/keys', undefined, { Accept: 'text/csv' });
    expect(csv.status).toBe(406);
    expect(errorMessage(csv.text)).toBe('Your client sent this Accept header: text/csv. But this resource only emits these media types: application/json, application/x-yaml.');
    const xml = await api.request('POST', '/', '<x/>', { 'Content-Type': 'application/xml' });
    expect(errorMessage(xml.text)).toBe('Content type not supported');
  });

  it('fails the CORS preflight with a 500, like rest_cherrypy 3006 on CherryPy 18.8', async () => {
    const reply = await raw(`${sim.url}/`, 'OPTIONS', { Origin: 'http://console', 'Access-Control-Request-Method': 'POST' });
    expect(reply.status).toBe(500);
    expect(reply.headers['access-control-allow-origin']).toBe('http://console');
    expect(reply.headers['access-control-allow-methods']).toBe('GET, POST');
  });

  it('takes urlencoded chunks: repeated arg, CLI-style coercion, name=value keyword args', async () => {
    const form = 'client=local&tgt=web-01&fun=test.arg&arg=1&arg=[2,3]&arg=name=fleet&arg=plain';
    const reply = await api.request('POST', '/', form, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(reply.json()).toEqual({ return: [{ 'web-01': { args: [1, [2, 3], 'plain'], kwargs: { name: 'fleet' } } }] });
  });

  it('accepts a single chunk object, text/plain JSON and a non-list arg', async () => {
    const single = (await api.run({ client: 'runner', fun: 'manage.present' })) as { return: unknown[] };
    expect(single.return).toHaveLength(1);
    const text = await api.request('POST', '/', JSON.stringify([{ client: 'local', tgt: 'web-01', fun: 'test.echo', arg: 'hi' }]), { 'Content-Type': 'text/plain' });
    expect(text.json()).toEqual({ return: [{ 'web-01': 'hi' }] });
  });

  it('runs several chunks in order, one return element each', async () => {
    const body = (await api.run([{ client: 'local', tgt: 'web-01', fun: 'test.ping' }, { client: 'runner', fun: 'manage.up' }, { client: 'wheel', fun: 'key.list_all' }])) as { return: unknown[] };
    expect(body.return).toHaveLength(3);
    expect(body.return[0]).toEqual({ 'web-01': true });
    expect(body.return[1]).toEqual(sim.onlineMinionIds());
  });

  it('serves YAML on request, gzip when accepted, HEAD without a body, trailing slashes', async () => {
    const yaml = await api.request('GET', '/keys', undefined, { Accept: 'application/x-yaml' });
    expect(yaml.headers.get('content-type')).toBe('application/x-yaml');
    expect(yaml.text.startsWith('return:\n  local:\n  - master.pem\n  - master.pub\n  minions:\n  - ')).toBe(true);
    const gz = await raw(`${sim.url}/keys`, 'GET', { 'X-Auth-Token': api.token, 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString()).return.minions).toEqual(sim.minionIds());
    const head = await raw(`${sim.url}/`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await api.request('GET', '/minions/web-01/')).status).toBe(200);
  });

  it('fires a webhook event for POST /hook/<path>', async () => {
    const seen: unknown[] = [];
    const stop = sim.onEvent((e) => {
      if (e.tag.startsWith('salt/netapi/hook/')) seen.push([e.tag, e.data.post, e.data.body]);
    });
    const reply = await api.request('POST', '/hook/ci/build/ok', { revision: 'abc' });
    stop();
    expect(reply.json()).toEqual({ success: true });
    expect(seen).toEqual([['salt/netapi/hook/ci/build/ok', { revision: 'abc' }, '{"revision":"abc"}']]);
  });

  it('exposes a simulator-only control to take a minion down and back', async () => {
    const id = sim.minionIds().at(-1) ?? '';
    const down = await api.request('POST', `/_sim/minions/${id}`, { online: false });
    expect(down.json()).toEqual({ return: { id, online: false, connected: false } });
    expect(sim.onlineMinionIds()).not.toContain(id);
    await api.request('POST', `/_sim/minions/${id}`, { online: true });
    expect(sim.onlineMinionIds()).toContain(id);
  });
});
