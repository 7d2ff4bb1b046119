import { randomBytes } from 'node:crypto';
import { asString } from './args.js';
import { nowMicros } from './time.js';
import type { JsonObject, JsonValue } from './json.js';

/** eauth backends the simulator accepts (each checks the one configured user/password pair). */
export const EAUTH_BACKENDS = ['pam', 'sharedsecret', 'ldap', 'file', 'auto'];

/** A Salt eauth token as the master stores it (`start`/`expire` are epoch seconds). */
export interface SaltToken {
  token: string;
  name: string;
  eauth: string;
  start: number;
  expire: number;
}

/** A salt-api (CherryPy) session: a 40-hex id in memory, pointing at a Salt token. */
export interface Session {
  id: string;
  saltToken: string;
  lastSeen: number;
}

/** CherryPy's session timeout in rest_cherrypy: 10 hours of inactivity. */
export const SESSION_IDLE_SECONDS = 36_000;

export interface AuthOptions {
  username: string;
  password: string;
  tokenTtlSeconds: number;
  perms: JsonValue[];
}

/** Credentials, Salt tokens and salt-api sessions, with both clocks salt-api has (idle and expire). */
export class AuthStore {
  private readonly tokens = new Map<string, SaltToken>();
  private readonly sessions = new Map<string, Session>();

  constructor(readonly options: AuthOptions) {}

  /** Runs eauth: a Salt token for good credentials on a known backend, else null. */
  mkToken(creds: JsonObject): SaltToken | null {
    const eauth = asString(creds.eauth);
    if (!EAUTH_BACKENDS.includes(eauth)) return null;
    if (creds.username !== this.options.username || creds.password !== this.options.password) return null;
    const start = nowMicros() / 1e6;
    const token: SaltToken = { token: randomBytes(32).toString('hex'), name: this.options.username, eauth, start, expire: start + this.options.tokenTtlSeconds };
    this.tokens.set(token.token, token);
    return token;
  }

  createSession(token: SaltToken): Session {
    const session = { id: randomBytes(20).toString('hex'), saltToken: token.token, lastSeen: Date.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** A live session (idle timeout applied); touching it keeps it alive, as CherryPy's sessions do. */
  session(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (Date.now() - session.lastSeen > SESSION_IDLE_SECONDS * 1000) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  dropSession(id: string): void {
    this.sessions.delete(id);
  }

  /** The Salt token if it exists and has not passed its `expire`. */
  validToken(token: string | undefined): SaltToken | undefined {
    const found = token ? this.tokens.get(token) : undefined;
    if (!found) return undefined;
    return found.expire * 1000 > Date.now() ? found : undefined;
  }

  /** The session's Salt token, whether or not it has expired (salt-api only learns that from the master). */
  tokenOf(session: Session): SaltToken | undefined {
    return this.tokens.get(session.saltToken);
  }

  /** Expires a token now; lets tests exercise the "token expired, session alive" path without waiting. */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expire = Date.now() / 1000 - 1;
  }
}
