import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The one validated, frozen configuration read from the environment at start. */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  secret: string;
  adminPassword: string | undefined;
  sessionTtlMinutes: number;
  cookieSecure: boolean;
  redisUrl: string | undefined;
  logLevel: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  rateLimitPerMinute: number;
  webDir: string;
}

/** A configuration problem, reported as one line and a non-zero exit. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function databaseUrl(env: Env): string {
  const url = env.DATABASE_URL || 'sqlite:./data/fleetdeck.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(url)) {
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
  }
  return url;
}

/**
 * The signing secret: FLEETDECK_SECRET when set, else one generated once and kept in the data
 * directory, so sessions and encrypted settings survive a restart.
 */
function secret(env: Env, dataDir: string): string {
  const given = env.FLEETDECK_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('FLEETDECK_SECRET must be at least 32 characters');
    return given;
  }
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const dataDir = path.resolve(env.FLEETDECK_DATA_DIR || './data');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  }
  const adminPassword = env.FLEETDECK_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('FLEETDECK_ADMIN_PASSWORD must be at least 8 characters');
  }
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    databaseUrl: databaseUrl(env),
    dataDir,
    secret: secret(env, dataDir),
    adminPassword,
    sessionTtlMinutes: integer(env, 'SESSION_TTL_MINUTES', 480, 1, 525_600),
    cookieSecure: boolean(env, 'COOKIE_SECURE', true),
    redisUrl,
    logLevel,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlDays: integer(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    webDir: path.resolve(env.FLEETDECK_WEB_DIR || 'web/dist'),
  });
}
