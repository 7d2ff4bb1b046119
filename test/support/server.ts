import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../src/core/config/index.js';
import { createFleetdeck, type Fleetdeck } from '../../src/server.js';

export const ADMIN_PASSWORD = 'browser-admin-password';

export interface RunningServer {
  url: string;
  fd: Fleetdeck;
  close(): Promise<void>;
}

/**
 * A real Fleetdeck listening on a free loopback port, serving the built web app from web/dist,
 * on a fresh SQLite database. The admin's bootstrap password is ADMIN_PASSWORD (to be changed at
 * first sign-in).
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-browser-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'fleetdeck.db')}`,
    FLEETDECK_DATA_DIR: dir,
    FLEETDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    PORT: '0',
    FLEETDECK_WEB_DIR: path.resolve('web/dist'),
  });
  const fd = await createFleetdeck(config, { logger: false });
  const url = await fd.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    fd,
    async close() {
      await fd.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, driven by playwright-core. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** Waits until the element is shown; fails the test otherwise. */
export const visible = (locator: Locator, timeout = 10_000) => locator.waitFor({ state: 'visible', timeout });

/** Opens the app, lands on the sign-in page and signs in. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Answers the forced password change that follows the bootstrap admin's first sign-in. */
export async function changeBootstrapPassword(page: Page, next: string): Promise<void> {
  await page.waitForURL(/\/change-password/);
  await page.getByLabel('Current password').fill(ADMIN_PASSWORD);
  await page.getByLabel('New password').fill(next);
  await page.getByLabel('Confirm password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL((target) => !target.pathname.startsWith('/change-password'));
}
