import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { SESSION_IDLE_SECONDS } from './auth.js';
import { CHERRYPY_VERSION, errorPage, HttpError, statusLine, UnexpectedError } from './errors.js';
import { negotiate, parseBody, parseCookies, readBody, toLowstate, type ApiRequest } from './http.js';
import { pyJson } from './json.js';
import { getLogin, postLogin, postLogout, postToken } from './routes/auth-routes.js';
import { getJobs, getKeys, getMinions, getRoot, getStats, postHook, postKeys, postMinions, postRoot, postRun } from './routes/salt-routes.js';
import { postSimMinion } from './routes/sim-routes.js';
import type { ApiResponse, Handler } from './routes/types.js';
import type { Sim } from './sim.js';
import { streamEvents } from './sse.js';
import { toYaml } from './yaml.js';

interface Route {
  pattern: RegExp;
  get?: Handler;
  post?: Handler;
  events?: boolean;
}

/** rest_cherrypy's URL map. POST-only classes inherit the root's GET, as in CherryPy. */
const ROUTES: Route[] = [
  { pattern: /^\/$/, get: getRoot, post: postRoot },
  { pattern: /^\/login$/, get: getLogin, post: postLogin },
  { pattern: /^\/logout$/, get: getRoot, post: postLogout },
  { pattern: /^\/token$/, get: getRoot, post: postToken },
  { pattern: /^\/run$/, get: getRoot, post: postRun },
  { pattern: /^\/minions(?:\/([^/]+))?$/, get: getMinions, post: postMinions },
  { pattern: /^\/jobs(?:\/([^/]+))?$/, get: getJobs, post: postRoot },
  { pattern: /^\/keys(?:\/([^/]+))?$/, get: getKeys, post: postKeys },
  { pattern: /^\/stats$/, get: getStats },
  { pattern: /^\/hook(?:\/(.*))?$/, post: postHook },
  { pattern: /^\/events$/, events: true },
  { pattern: /^\/_sim\/minions\/([^/]+)$/, post: postSimMinion },
];

function allow(route: Route): string {
  return [route.get || route.events ? 'GET, HEAD' : '', route.post ? 'POST' : ''].filter(Boolean).join(', ');
}

function baseHeaders(req: IncomingMessage): Record<string, string> {
  return {
    Server: `CherryPy/${CHERRYPY_VERSION}`,
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Expose-Headers': 'GET, POST',
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Accept-Encoding',
  };
}

function cookieHeader(response: ApiResponse): string | undefined {
  if (response.expireCookie) return `session_id=${'0'.repeat(40)}; expires=${new Date(Date.now() - 31_536_000_000).toUTCString()}; Path=/`;
  if (!response.session) return undefined;
  return `session_id=${response.session.id}; expires=${new Date(Date.now() + SESSION_IDLE_SECONDS * 1000).toUTCString()}; Max-Age=${SESSION_IDLE_SECONDS}; Path=/`;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): number {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 0;
  const payload = gzip ? gzipSync(body) : body;
  res.writeHead(status, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(payload.length) });
  res.end(req.method === 'HEAD' ? undefined : payload);
  return body.length;
}

async function parseRequest(req: IncomingMessage, route: Route): Promise<ApiRequest> {
  const url = new URL(req.url ?? '/', 'http://salt-api');
  const api: ApiRequest = {
    method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers,
    cookies: parseCookies(req.headers.cookie), rawBody: '', data: undefined, lowstate: undefined,
  };
  // CherryPy skips body processing when Content-Length is absent or 0.
  if (api.method === 'POST' && route.post && (req.headers['content-length'] ?? '0') !== '0') {
    const parsed = parseBody(req.headers['content-type'], (await readBody(req)).toString('utf8'));
    api.data = parsed.data;
    api.rawBody = parsed.rawBody;
    api.lowstate = toLowstate(parsed.data);
  }
  return api;
}

async function handle(sim: Sim, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const headers = baseHeaders(req);
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const route = ROUTES.find((r) => r.pattern.test(normalized));
  try {
    if (!route) throw new HttpError(404, `The path '${path}' was not found.`);
    headers.Allow = allow(route);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      // rest_cherrypy 3006 + CherryPy 18.8: the CORS hook touches the session too early and the preflight fails.
      if (['GET', 'POST'].includes(String(req.headers['access-control-request-method']))) {
        Object.assign(headers, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, X-Auth-Token, X-Requested-With', 'Access-Control-Max-Age': '1400' });
      }
      throw new HttpError(500);
    }
    const readMethod = method === 'GET' || method === 'HEAD';
    if (route.events && readMethod) {
      streamEvents(sim, await parseRequest(req, route), req, res, headers);
      return 0;
    }
    const handler = method === 'POST' ? route.post : readMethod ? route.get : undefined;
    if (!handler) throw new HttpError(405, undefined, { Allow: allow(route) });
    const api = await parseRequest(req, route);
    const params = (route.pattern.exec(normalized) ?? []).slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
    let response: ApiResponse;
    try {
      response = await handler(sim, api, params);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      response = { status: 500, body: { status: 500, return: 'An unexpected error occurred' } };
      if (!(err instanceof UnexpectedError)) console.error('salt-api simulator: unexpected error', err);
    }
    const cookie = cookieHeader(response);
    if (cookie) headers['Set-Cookie'] = cookie;
    if (response.session) headers['Cache-Control'] = 'private';
    Object.assign(headers, response.headers ?? {});
    if (response.raw) return send(req, res, response.status ?? 200, { ...headers, 'Content-Type': response.raw.contentType }, response.raw.data);
    const type = negotiate(req.headers.accept);
    const body = type === 'application/json' ? pyJson(response.body ?? null) : toYaml(response.body ?? null);
    return send(req, res, response.status ?? 200, { ...headers, 'Content-Type': type }, Buffer.from(body, 'utf8'));
  } catch (err) {
    const error = err instanceof HttpError ? err : new HttpError(500);
    if (!(err instanceof HttpError)) console.error('salt-api simulator: unexpected error', err);
    if (res.headersSent) {
      res.end();
      return 0;
    }
    const page = Buffer.from(errorPage(error.status, error.message), 'utf8');
    return send(req, res, error.status, { ...headers, ...error.headers, 'Content-Type': 'text/html;charset=utf-8' }, page);
  }
}

/** An HTTP server speaking rest_cherrypy's protocol over the simulated master. */
export function createSaltApiServer(sim: Sim): Server {
  return createServer((req, res) => {
    const done = sim.stats.begin(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`, `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? 0}`, Number(req.headers['content-length'] ?? 0));
    handle(sim, req, res).then(
      (written) => done(statusLine(res.statusCode), res.getHeader('Content-Type') === 'text/event-stream;charset=utf-8' ? null : written),
      () => done(statusLine(500), null),
    );
  });
}
