import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError, UpstreamUnavailableError } from '../../../src/core/errors.js';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { RawSaltEvent } from '../../../src/salt/client/parse/events.js';
import type { SaltClientOptions } from '../../../src/salt/client/types.js';
import { captureStreamBody, chunked } from './captures.js';
import { type FakeRoutes, type FakeSaltApi, startFakeSaltApi } from './fake-salt-api.js';

let api: FakeSaltApi | undefined;
let client: SaltClient | undefined;

async function setup(routes: FakeRoutes, options: SaltClientOptions = {}) {
  api = await startFakeSaltApi(routes);
  client = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, options);
  return { api, client };
}

function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream;charset=utf-8', 'Cache-Control': 'no-cache' });
  res.write('retry: 400\n\n');
}

/** Writes a captured stream in uneven chunks, then either ends it or leaves it open and silent. */
async function replayCapture(res: ServerResponse, name: string, end: boolean) {
  openStream(res);
  for (const chunk of chunked(captureStreamBody(name).replace(/^retry: 400\n/, ''), 3)) {
    res.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (end) res.end();
}

async function collect(events: AsyncIterable<RawSaltEvent>, limit = Infinity): Promise<RawSaltEvent[]> {
  const seen: RawSaltEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    if (seen.length >= limit) break;
  }
  return seen;
}

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

describe('Salt-API event stream', () => {
  it('streams a recorded bus (events3.txt) with the token in the header and the query', async () => {
    const { api, client } = await setup({ events: (_req, res) => void replayCapture(res, 'events3.txt', true) });
    const events = await collect(client.events(new AbortController().signal));
    expect(events).toHaveLength(17);
    expect(events[0]).toMatchObject({ tag: 'salt/auth', data: { act: 'pend', id: 'new-01' } });
    const request = api.requests.find((r) => r.url.startsWith('/events'));
    expect(request?.url).toBe('/events?token=token-1');
    expect(request?.headers['x-auth-token']).toBe('token-1');
    expect(request?.headers.accept).toBe('text/event-stream');
  });

  it('ends quietly when the caller aborts a silent stream', async () => {
    const { client } = await setup({ events: (_req, res) => void replayCapture(res, 'events3.txt', false) });
    const controller = new AbortController();
    const seen: RawSaltEvent[] = [];
    for await (const event of client.events(controller.signal)) {
      seen.push(event);
      if (seen.length === 17) setTimeout(() => controller.abort(), 50);
    }
    expect(seen).toHaveLength(17);
  });

  it('lets the caller stop early, closing the connection', async () => {
    let closed = false;
    const { client } = await setup({
      events: (_req, res) => {
        res.on('close', () => (closed = true));
        void replayCapture(res, 'events3.txt', false);
      },
    });
    expect(await collect(client.events(new AbortController().signal), 2)).toHaveLength(2);
    await expect.poll(() => closed).toBe(true);
  });

  it('logs in again when the stream answers 401', async () => {
    const { api, client } = await setup({
      events: (req, res) => {
        if (req.headers['x-auth-token'] === 'token-1') {
          res.writeHead(401, { 'Content-Type': 'text/html' }).end('<p>No permission -- see authorization schemes</p>');
        } else {
          void replayCapture(res, 'events3.txt', true);
        }
      },
    });
    expect(await collect(client.events(new AbortController().signal))).toHaveLength(17);
    expect(api.logins()).toBe(2);
  });

  it('reports an HTTP error on /events as 502', async () => {
    const { client } = await setup({ events: (_req, res) => res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"status": 500, "return": "An unexpected error occurred"}') });
    await expect(collect(client.events(new AbortController().signal))).rejects.toEqual(new UpstreamError('Salt-API error 500: An unexpected error occurred'));
  });

  it('reports a server that never answers /events as 503 "timed out"', async () => {
    const { client } = await setup({ events: () => undefined }, { timeoutMs: 150 });
    await expect(collect(client.events(new AbortController().signal))).rejects.toEqual(new UpstreamUnavailableError('Salt-API unreachable: timed out after 150 ms'));
  });

  it('reports a stopped server as 503', async () => {
    const { api, client } = await setup({});
    await client.login();
    await api.close();
    await expect(collect(client.events(new AbortController().signal))).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('reports a stream cut mid-way as 503', async () => {
    const { client } = await setup({
      events: (_req, res) => {
        openStream(res);
        res.write('data: {"tag": "a", "data": {}}\n\n');
        setTimeout(() => res.socket?.destroy(), 20);
      },
    });
    const seen: RawSaltEvent[] = [];
    const error = await (async () => {
      for await (const event of client.events(new AbortController().signal)) seen.push(event);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ tag: 'a', data: {} }]);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as Error).message).toMatch(/^Salt-API unreachable: event stream broken: /);
  });
});
