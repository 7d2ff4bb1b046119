import type { Session } from '../auth.js';
import type { ApiRequest } from '../http.js';
import type { JsonValue } from '../json.js';
import type { Sim } from '../sim.js';

export interface ApiResponse {
  status?: number;
  body?: JsonValue;
  headers?: Record<string, string>;
  /** The session to (re)send as the `session_id` cookie. */
  session?: Session;
  /** Logout: send an already-expired cookie instead. */
  expireCookie?: boolean;
  /** A non-JSON body (the key tarball). */
  raw?: { data: Buffer; contentType: string };
}

export type Handler = (sim: Sim, req: ApiRequest, params: string[]) => Promise<ApiResponse>;
