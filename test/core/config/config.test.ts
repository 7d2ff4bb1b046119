import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/core/config/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-config-'));
  dirs.push(dir);
  return dir;
}

const SECRET = 's'.repeat(32);
/** An environment that names its own data directory and secret, so nothing is written under the repo. */
const env = (extra: Record<string, string> = {}) => ({ FLEETDECK_DATA_DIR: tempDir(), FLEETDECK_SECRET: SECRET, ...extra });

function configError(vars: Record<string, string>): ConfigError {
  try {
    loadConfig(env(vars));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(vars)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const dataDir = tempDir();
    const config = loadConfig({ FLEETDECK_DATA_DIR: dataDir, FLEETDECK_SECRET: SECRET });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: 'sqlite:./data/fleetdeck.db',
      dataDir,
      secret: SECRET,
      adminPassword: undefined,
      sessionTtlMinutes: 480,
      cookieSecure: true,
      redisUrl: undefined,
      logLevel: 'info',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      rateLimitPerMinute: 300,
    });
    expect(config.webDir).toBe(path.resolve('web/dist'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig(env({
      HOST: '0.0.0.0', PORT: '9090', DATABASE_URL: 'postgres://fd@db:5432/fd', SESSION_TTL_MINUTES: '60', COOKIE_SECURE: 'false',
      REDIS_URL: 'rediss://cache:6380', LOG_LEVEL: 'debug', ACCESS_TOKEN_TTL_SECONDS: '120', REFRESH_TOKEN_TTL_DAYS: '7',
      RATE_LIMIT_PER_MINUTE: '60', FLEETDECK_ADMIN_PASSWORD: 'long-enough', FLEETDECK_WEB_DIR: '/srv/web',
    }));
    expect(config).toMatchObject({
      host: '0.0.0.0', port: 9090, databaseUrl: 'postgres://fd@db:5432/fd', sessionTtlMinutes: 60, cookieSecure: false,
      redisUrl: 'rediss://cache:6380', logLevel: 'debug', accessTokenTtlSeconds: 120, refreshTokenTtlDays: 7, rateLimitPerMinute: 60,
      adminPassword: 'long-enough', webDir: '/srv/web',
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig(env({ PORT: '', DATABASE_URL: '', COOKIE_SECURE: '', REDIS_URL: '', LOG_LEVEL: '', HOST: '' }));
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'sqlite:./data/fleetdeck.db', cookieSecure: true, redisUrl: undefined, logLevel: 'info', host: '127.0.0.1' });
  });

  it('accepts the spellings of booleans and both PostgreSQL schemes', () => {
    for (const yes of ['1', 'true', 'TRUE', 'yes', 'on']) expect(loadConfig(env({ COOKIE_SECURE: yes })).cookieSecure).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(loadConfig(env({ COOKIE_SECURE: no })).cookieSecure).toBe(false);
    expect(loadConfig(env({ DATABASE_URL: 'postgresql://x/y' })).databaseUrl).toBe('postgresql://x/y');
    expect(loadConfig(env({ PORT: '0' })).port).toBe(0);
    expect(loadConfig(env({ PORT: '65535' })).port).toBe(65535);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT must be a whole number from 0 to 65535, got "80.5"'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535, got "-1"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with sqlite: or postgres://, got "mysql://x"'],
    [{ FLEETDECK_SECRET: 'too-short' }, 'FLEETDECK_SECRET must be at least 32 characters'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE must be true or false, got "maybe"'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must start with redis:// or rediss://, got "http://x"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ SESSION_TTL_MINUTES: '0' }, 'SESSION_TTL_MINUTES must be a whole number from 1 to 525600, got "0"'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, got "lots"'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '10' }, 'ACCESS_TOKEN_TTL_SECONDS must be a whole number from 30 to 86400, got "10"'],
    [{ FLEETDECK_ADMIN_PASSWORD: 'short' }, 'FLEETDECK_ADMIN_PASSWORD must be at least 8 characters'],
  ])('refuses %o with one line naming the variable', (vars, message) => {
    const error = configError(vars);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
    expect(error.message.startsWith(Object.keys(vars)[0] as string)).toBe(true);
  });

  it('generates a secret once, keeps it in the data directory and reuses it', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = loadConfig({ FLEETDECK_DATA_DIR: dataDir });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'secret');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ FLEETDECK_DATA_DIR: dataDir }).secret).toBe(first.secret);
    expect(loadConfig({ FLEETDECK_DATA_DIR: tempDir() }).secret).not.toBe(first.secret);
  });

  it('prefers FLEETDECK_SECRET to the kept one, and writes no file then', () => {
    const dataDir = tempDir();
    expect(loadConfig({ FLEETDECK_DATA_DIR: dataDir, FLEETDECK_SECRET: SECRET }).secret).toBe(SECRET);
    expect(existsSync(path.join(dataDir, 'secret'))).toBe(false);
  });
});

describe('fleetdeck serve with a bad configuration', () => {
  it('exits 1 with one line on stderr naming the variable', () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const result = spawnSync(tsx, ['src/cli/main.ts', 'serve'], {
      cwd: path.resolve('.'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: 'abc', FLEETDECK_DATA_DIR: tempDir(), FLEETDECK_SECRET: SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Configuration error: PORT must be a whole number from 0 to 65535, got "abc"\n');
    expect(result.stdout).toBe('');
  }, 40_000);
});
