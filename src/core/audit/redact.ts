const SECRET_KEYS = new Set([
  'password', 'passwd', 'pw', 'secret', 'token', 'api_key', 'apikey', 'authorization',
  'new_password', 'current_password', 'access_token', 'refresh_token',
]);

/** Replaces the values of secret-named keys, at any depth, with `[REDACTED]`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k.toLowerCase()) ? '[REDACTED]' : redact(v)]),
  );
}
