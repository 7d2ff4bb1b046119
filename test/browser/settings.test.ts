import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaltApiSimulator, type SaltApiSimulator } from '../../src/sim/salt-api/index.js';
import { ADMIN_PASSWORD, changeBootstrapPassword, launchBrowser, signIn, startServer, visible, type RunningServer } from '../support/server.js';

let server: RunningServer;
let sim: SaltApiSimulator;
let browser: Browser;
let page: Page;

const NEW_ADMIN_PASSWORD = 'a-new-admin-password';
const VIEWER_PASSWORD = 'viewer-password-1';

/** Waits (up to the action timeout) until the element is shown; fails the test otherwise. */

/** The result of "Test connection", once it reports `ok`. */
const testResult = (ok: boolean) => page.locator(`[data-testid="salt-test-result"][data-ok="${ok}"]`);

/** Both themes of the current page, for a look at the layout. */
async function screenshots(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // `animations: 'disabled'` finishes the colour transitions the theme switch starts.
    await page.screenshot({ path: `test-results/${name}-${colorScheme}.png`, fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function fillConnection(password: string): Promise<void> {
  await page.getByLabel('Salt-API URL').fill(sim.url);
  await page.getByLabel('Username').fill('salt');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Authentication (eauth)').selectOption('pam');
  await page.getByLabel('Verify TLS certificate').uncheck();
}

beforeAll(async () => {
  server = await startServer();
  sim = await startSaltApiSimulator({ port: 0, minions: 8 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sim?.close();
});

describe('Salt connection setup and settings in the browser', () => {
  it('sends the admin to the setup wizard after the first sign-in', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await changeBootstrapPassword(page, NEW_ADMIN_PASSWORD);

    await page.waitForURL((url) => url.pathname === '/setup');
    await visible(page.getByRole('heading', { name: 'Set up Fleetdeck' }));
    expect(await page.getByRole('button', { name: 'Save and continue' }).isDisabled()).toBe(true);
    await visible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }));
    await screenshots('setup-wizard');
  });

  it('tells a user who cannot set Salt up that the connection is missing', async () => {
    // Created through the API as the signed-in admin; the viewer role may see Salt pages only.
    const status = await page.evaluate(async (password) => {
      const roles = (await (await fetch('/api/roles')).json()) as { roles: { id: string; name: string }[] };
      const viewer = roles.roles.find((role) => role.name === 'viewer');
      const response = await fetch('/api/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'vera', password, must_change_pw: false, role_ids: viewer ? [viewer.id] : [] }),
      });
      return response.status;
    }, VIEWER_PASSWORD);
    expect(status).toBe(201);

    const context = await browser.newContext();
    try {
      const viewerPage = await context.newPage();
      await signIn(viewerPage, server.url, 'vera', VIEWER_PASSWORD);
      const notice = viewerPage.getByTestId('salt-setup-notice');
      await visible(notice);
      expect(await notice.textContent()).toBe('The Salt connection is not set up yet. Ask an administrator.');
      expect(new URL(viewerPage.url()).pathname).toBe('/');
    } finally {
      await context.close();
    }
  });

  it('lets the admin skip the wizard for this tab, with a way back', async () => {
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const notice = page.getByTestId('salt-setup-notice');
    await visible(notice);

    // The skip is remembered: the Salt pages stay reachable.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Minions' }).click();
    await page.waitForURL((url) => url.pathname === '/minions');
    await visible(notice);

    await notice.getByRole('link', { name: 'Set it up' }).click();
    await page.waitForURL((url) => url.pathname === '/setup');
  });

  it('refuses to continue after a failed test', async () => {
    await fillConnection('not-the-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await visible(testResult(false));
    expect(await testResult(false).textContent()).toContain('auth failed');
    expect(await page.getByRole('button', { name: 'Save and continue' }).isDisabled()).toBe(true);
  });

  it('tests the connection, saves it and says where Fleetdeck is connected', async () => {
    const minions = sim.onlineMinionIds().length;
    await fillConnection('salt');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await visible(testResult(true));
    expect(await testResult(true).textContent()).toContain(`Connected — ${minions} minions`);
    await screenshots('setup-tested');

    await page.getByRole('button', { name: 'Save and continue' }).click();
    const done = page.getByTestId('setup-done');
    await visible(done);
    expect(await done.textContent()).toContain(`Fleetdeck is connected to ${sim.url} — ${minions} minions`);
    await screenshots('setup-done');

    const saved = await server.fd.services.saltSettings.view();
    expect(saved.salt).toEqual({ url: sim.url, username: 'salt', password_set: true, verify: false, eauth: 'pam' });
    expect(await server.fd.services.saltSettings.status()).toEqual({ configured: true, missing: [] });

    await page.getByRole('button', { name: 'Go to Overview' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visible(page.getByRole('heading', { name: 'Overview' }));
    expect(await page.getByTestId('salt-setup-notice').count()).toBe(0);
  });

  it('shows the saved connection in Settings, the password only as saved', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/settings');
    const url = page.getByLabel('Salt-API URL');
    await visible(url);
    expect(await url.inputValue()).toBe(sim.url);
    expect(await page.getByLabel('Username').inputValue()).toBe('salt');
    const password = page.getByLabel('Password');
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('•••••••• (saved)');
    await visible(page.getByText(/password saved/i));
    expect(await page.getByLabel('Verify TLS certificate').isChecked()).toBe(false);
    expect(await page.getByTestId('settings-updated-at').textContent()).toMatch(/^Last changed \d{4}-\d{2}-\d{2}/);
    expect(await page.getByRole('button', { name: 'Save connection' }).isDisabled()).toBe(true);
    await screenshots('settings');
  });

  it('reports a wrong password, then tries the saved connection when none is typed', async () => {
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await visible(testResult(false));
    expect(await testResult(false).textContent()).toContain('auth failed');
    await screenshots('settings-test-failed');

    await page.getByLabel('Password').fill('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await visible(testResult(true));
    expect(await testResult(true).textContent()).toContain('Tried the saved connection');
  });

  it("shows the server's validation error on its field", async () => {
    await page.getByLabel('Salt-API URL').fill('ftp://salt.example.com');
    await page.getByRole('button', { name: 'Save connection' }).click();
    const card = page.getByRole('region', { name: 'Salt-API connection' });
    await visible(card.locator('.field-invalid').filter({ has: page.getByLabel('Salt-API URL') }));
    expect((await server.fd.services.saltSettings.view()).salt.url).toBe(sim.url);
    await page.getByLabel('Salt-API URL').fill(sim.url);
  });

  it('saves only the changed poller interval', async () => {
    const card = page.getByRole('region', { name: 'Background work' });
    await card.getByLabel('Jobs index refresh').fill('90');
    const put = page.waitForRequest((request) => request.method() === 'PUT' && request.url().endsWith('/api/admin/settings/pollers'));
    await card.getByRole('button', { name: 'Save' }).click();
    expect((await put).postDataJSON()).toEqual({ jobs_poll_interval_seconds: 90 });
    await visible(card.getByText('Saved.'));
    expect((await server.fd.services.saltSettings.pollers()).jobs_poll_interval_seconds).toBe(90);

    await card.getByLabel('Keep activity events for').fill('0');
    await card.getByRole('button', { name: 'Save' }).click();
    await visible(card.getByText('Between 1 and 365.'));
  });

  it('saves the Overview widget', async () => {
    const card = page.getByRole('region', { name: 'Overview widget' });
    await card.getByLabel('Events listed').fill('12');
    await card.getByLabel('Hide routine returns').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await visible(card.getByText('Saved.'));
    const widget = await server.fd.services.saltSettings.widget();
    expect(widget).toMatchObject({ widget_event_count: 12, widget_hide_routine: true });
  });
});
