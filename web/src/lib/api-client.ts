/** A field-level problem reported by the server, named by its path (`password`, `email`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type of the web app. Both server surfaces (`/api` with `{detail}` and `/api/v1`
 * with the `{error}` envelope) are normalised into it, so forms read `field` the same way.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one form field, when the server named it. */
  messageFor(field: string): string | undefined {
    return this.details.find((problem) => problem.field === field)?.message;
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'validation_error',
  401: 'unauthenticated',
  402: 'payment_required',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
  502: 'upstream_error',
  503: 'upstream_unavailable',
};

const codeFor = (status: number): string => STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'error');

// `loc` names the request part first (`["body", "password"]`); forms only know the field.
const REQUEST_PARTS = new Set(['body', 'query', 'path', 'header']);

function fieldOfLoc(loc: unknown): string {
  if (!Array.isArray(loc)) return '';
  const parts = loc.map(String);
  if (parts.length > 1 && REQUEST_PARTS.has(parts[0] ?? '')) parts.shift();
  return parts.join('.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string `detail` may come with `fields: [{field, message}]` naming the input that was wrong. */
function fromDetail(status: number, detail: unknown, fields: unknown): ApiError {
  if (Array.isArray(detail)) {
    const details = detail.filter(isRecord).map((item) => ({
      field: fieldOfLoc(item.loc),
      message: String(item.msg ?? 'is invalid'),
    }));
    const first = details[0];
    const message = first ? `${first.field} ${first.message}`.trim() : 'Invalid request';
    return new ApiError(status, 'validation_error', message, first?.field || null, details);
  }
  const message = typeof detail === 'string' ? detail : `Request failed (${status})`;
  const details = Array.isArray(fields)
    ? fields.filter(isRecord).map((item) => ({ field: String(item.field ?? ''), message: String(item.message ?? 'is invalid') }))
    : [];
  return new ApiError(status, codeFor(status), message, details[0]?.field || null, details);
}

function fromEnvelope(status: number, error: Record<string, unknown>): ApiError {
  const details = Array.isArray(error.details)
    ? error.details.filter(isRecord).map((item) => ({
        field: String(item.field ?? '').replace(/^\//, '').replace(/\//g, '.'),
        message: String(item.message ?? 'is invalid'),
      }))
    : [];
  const code = typeof error.code === 'string' ? error.code : codeFor(status);
  const message = typeof error.message === 'string' ? error.message : `Request failed (${status})`;
  return new ApiError(status, code, message, details[0]?.field || null, details);
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page): fall back to the status.
  }
  if (isRecord(body) && isRecord(body.error)) return fromEnvelope(response.status, body.error);
  if (isRecord(body) && 'detail' in body) return fromDetail(response.status, body.detail, body.fields);
  const text = response.statusText || 'Request failed';
  return new ApiError(response.status, codeFor(response.status), `${text} (${response.status})`);
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, skipping empty values; empty string when nothing is left. */
export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

/**
 * Calls the server (same origin, session cookie) and returns the parsed JSON body, or
 * `undefined` for 204. Any non-2xx answer or network failure becomes an `ApiError`.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path + toQueryString(query ?? {}), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Thin helpers so endpoint files read as one line per call. */
export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
};

/** A readable message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
