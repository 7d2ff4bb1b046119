import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import type { ApiRequest } from './http.js';
import { pyJson } from './json.js';
import type { Sim } from './sim.js';

/** `Events._is_valid_token`: a session id (mapped to its Salt token) or a raw Salt token, not expired. */
function saltTokenFor(sim: Sim, token: string | undefined): string | undefined {
  if (!token || !/^[0-9a-fA-F]+$/.test(token)) return undefined;
  const session = sim.auth.session(token);
  const salt = session ? session.saltToken : token;
  return sim.auth.validToken(salt) ? salt : undefined;
}

/**
 * `GET /events`: the master bus as server-sent events. `retry: 400` first, then `tag:` and one-line
 * JSON `data:` per event. The token is checked again before each event; an expired one ends the stream.
 */
export function streamEvents(sim: Sim, req: ApiRequest, raw: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  const header = req.headers['x-auth-token'];
  const token = req.query.get('token') || req.query.get('salt_token') || (Array.isArray(header) ? header[0] : header) || req.cookies.session_id;
  const saltToken = saltTokenFor(sim, token);
  if (!saltToken) throw new HttpError(401);
  res.writeHead(200, {
    ...headers, 'Content-Type': 'text/event-stream;charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', Allow: 'GET, HEAD',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.write('retry: 400\n');
  const stop = (): void => {
    unsubscribe();
    if (keepalive) clearInterval(keepalive);
    if (!res.writableEnded) res.end();
  };
  const unsubscribe = sim.bus.subscribe((event) => {
    if (!sim.auth.validToken(saltToken)) {
      stop();
      return;
    }
    res.write(`tag: ${event.tag}\ndata: ${pyJson({ data: event.data, tag: event.tag })}\n\n`);
  });
  // Real salt-api sends no heartbeat; the comment keeps idle proxies from cutting the stream.
  const keepalive = sim.keepaliveMs > 0 ? setInterval(() => res.write(': keepalive\n\n'), sim.keepaliveMs) : undefined;
  raw.on('close', stop);
  res.on('close', stop);
}
