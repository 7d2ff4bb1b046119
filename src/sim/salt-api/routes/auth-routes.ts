import { asString } from '../args.js';
import type { Session } from '../auth.js';
import { HttpError } from '../errors.js';
import type { ApiRequest } from '../http.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { Caller, Sim } from '../sim.js';
import type { ApiResponse } from './types.js';

/** `X-Auth-Token` wins over the `session_id` cookie (salt_token_tool copies it into the cookie). */
export function sessionId(req: ApiRequest): string | undefined {
  const header = req.headers['x-auth-token'];
  return (Array.isArray(header) ? header[0] : header) || req.cookies.session_id;
}

/** `salt_auth_tool`: no session, or an unknown/idle-expired one, is a bare 401. */
export function requireSession(sim: Sim, req: ApiRequest): Session {
  const session = sim.auth.session(sessionId(req));
  if (!session) throw new HttpError(401);
  return session;
}

/** The caller behind a session; an expired Salt token is only noticed by the master, per chunk. */
export function sessionCaller(sim: Sim, session: Session): Caller {
  const token = sim.auth.tokenOf(session);
  const caller: Caller = { user: token?.name ?? 'UNKNOWN' };
  if (!sim.auth.validToken(session.saltToken)) caller.authFailure = 'token';
  return caller;
}

/** `/run` chunks authenticate themselves, with eauth credentials or a Salt (not session) token. */
export function chunkCaller(sim: Sim, chunk: JsonValue): Caller {
  if (!isJsonObject(chunk)) return { user: 'UNKNOWN' };
  if (chunk.token !== undefined) {
    const token = asString(chunk.token);
    if (!/^[0-9a-fA-F]+$/.test(token)) throw new HttpError(401, 'Invalid token');
    const valid = sim.auth.validToken(token);
    return valid ? { user: valid.name } : { user: 'UNKNOWN', authFailure: 'token' };
  }
  if (chunk.eauth === undefined && chunk.username === undefined) throw new HttpError(401, 'No authentication credentials given');
  const { username, password, eauth } = chunk;
  const ok = sim.auth.options.username === username && sim.auth.options.password === password;
  const user = asString(username, 'UNKNOWN');
  return ok && typeof eauth === 'string' ? { user } : { user, authFailure: 'eauth' };
}

function firstChunk(req: ApiRequest): JsonObject {
  const low = Array.isArray(req.lowstate) ? req.lowstate[0] : req.lowstate;
  return isJsonObject(low) ? low : {};
}

export async function getLogin(): Promise<ApiResponse> {
  return { body: { status: null, return: 'Please log in' }, headers: { 'WWW-Authenticate': 'Session' } };
}

/** `POST /login`: eauth, then a CherryPy session whose id is the token the client uses. */
export async function postLogin(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const token = sim.auth.mkToken(firstChunk(req));
  if (!token) throw new HttpError(401, 'Could not authenticate using provided credentials');
  const session = sim.auth.createSession(token);
  return {
    session,
    headers: { 'X-Auth-Token': session.id },
    // No external_auth entries for the user: salt-api reports `{}`, not `[]`.
    body: { return: [{ token: session.id, expire: token.expire, start: token.start, user: token.name, eauth: token.eauth, perms: sim.auth.options.perms.length > 0 ? sim.auth.options.perms : {} }] },
  };
}

/** `POST /logout`: drops the session (the Salt token lives on) and expires the cookie. */
export async function postLogout(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  sim.auth.dropSession(session.id);
  return { expireCookie: true, body: { return: 'Your token has been cleared' } };
}

/** `POST /token`: a bare list of Salt eauth tokens, no session. */
export async function postToken(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const chunks = Array.isArray(req.lowstate) ? req.lowstate : [];
  const out: JsonValue[] = [];
  for (const chunk of chunks) {
    const creds = isJsonObject(chunk) ? chunk : {};
    if (creds.username === undefined || creds.password === undefined || creds.eauth === undefined) {
      throw new HttpError(400, 'Require "username", "password", and "eauth" params');
    }
    const token = sim.auth.mkToken(creds);
    if (!token) throw new HttpError(401, `Authentication failure of type "eauth" occurred for user ${asString(creds.username)}.`);
    out.push({ start: token.start, expire: token.expire, name: token.name, eauth: token.eauth, token: token.token });
  }
  return { body: out };
}
