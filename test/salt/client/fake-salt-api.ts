import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A purpose-built HTTP server standing in for a misbehaving salt-api (401s, 5xx, HTML errors,
 * slowness, dropped sockets, garbage). The well-behaved Salt is the simulator in `src/sim`.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type Reply =
  | { status?: number; contentType?: string; body?: unknown; delayMs?: number }
  | 'destroy'
  | ((res: ServerResponse) => void);

export interface FakeRoutes {
  /** `POST /login`; n counts logins from 1. Default: `token-<n>`, valid 12 h. */
  login?: (n: number, request: RecordedRequest) => Reply;
  /** `POST /`; n counts calls from 1. */
  run?: (chunks: Record<string, unknown>[], n: number, request: RecordedRequest) => Reply;
  /** `GET /events` */
  events?: (request: RecordedRequest, res: ServerResponse) => void;
}

export interface FakeSaltApi {
  url: string;
  requests: RecordedRequest[];
  logins(): number;
  calls(): RecordedRequest[];
  close(): Promise<void>;
}

export function loginReply(token: string, expire = Date.now() / 1000 + 43_200): Reply {
  return { body: { return: [{ token, start: expire - 43_200, expire, user: 'salt', eauth: 'pam', perms: ['.*'] }] } };
}

export function cherryPyError(status: number, title: string, message: string): Reply {
  const html = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body>\n<h2>${status} ${title}</h2>\n<p>${message}</p>\n<pre id="traceback"></pre>\n<div id="powered_by"><span>Powered by CherryPy 18.8.0</span></div></body></html>`;
  return { status, contentType: 'text/html;charset=utf-8', body: html };
}

export async function startFakeSaltApi(routes: FakeRoutes, tls?: { cert: string; key: string }): Promise<FakeSaltApi> {
  const requests: RecordedRequest[] = [];
  let logins = 0;
  let calls = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const request = await record(req);
    requests.push(request);
    const path = request.url.split('?')[0];
    if (request.method === 'POST' && path === '/login') {
      logins += 1;
      return respond(res, routes.login ? routes.login(logins, request) : loginReply(`token-${logins}`));
    }
    if (request.method === 'GET' && path === '/events' && routes.events) return routes.events(request, res);
    if (request.method === 'POST' && path === '/' && routes.run) {
      calls += 1;
      return respond(res, routes.run(request.body as Record<string, unknown>[], calls, request));
    }
    return respond(res, cherryPyError(404, 'Not Found', `The path '${path}' was not found.`));
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    logins: () => logins,
    calls: () => requests.filter((r) => r.method === 'POST' && r.url === '/'),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the raw text
  }
  return { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
}

function respond(res: ServerResponse, reply: Reply): void {
  if (reply === 'destroy') {
    res.socket?.destroy();
    return;
  }
  if (typeof reply === 'function') {
    reply(res);
    return;
  }
  const send = () => {
    if (res.destroyed) return;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'application/json' });
    res.end(body);
  };
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}
