import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/rbac/actor.js';
import { parseStateJob, type SaltClient } from '../../src/salt/client/index.js';
import { startSaltApiSimulator, type SaltApiSimulator } from '../../src/sim/salt-api/index.js';
import { ADMIN_PASSWORD, changeBootstrapPassword, launchBrowser, signIn, startServer, visible, type RunningServer } from '../support/server.js';

let server: RunningServer;
let sim: SaltApiSimulator;
let browser: Browser;
let page: Page;
let salt: SaltClient;
/** The `state.highstate` on every minion; one minion (the simulator's "broken" one) fails a state. */
let highstateJid: string;
/** A `test.sleep 120` on web-01, to be killed. */
let sleepJid: string;

const NEW_ADMIN_PASSWORD = 'a-new-admin-password';

/** Waits (up to the action timeout) until the element is shown; fails the test otherwise. */

/** Polls `check` until it holds, or fails after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Both themes of the current page, for a look at the layout. */
async function screenshots(name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/${name}-${colorScheme}.png`, fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const nav = () => page.getByRole('navigation', { name: 'Main' });

beforeAll(async () => {
  server = await startServer();
  sim = await startSaltApiSimulator({ port: 0, minions: 8, jobDurationMs: 1000, historyJobs: 30 });
  // Quick pollers, so the jobs index and the running-job cache follow within seconds.
  await server.fd.services.saltSettings.updatePollers(SYSTEM_ACTOR, { jobs_poll_interval_seconds: 2, minion_state_initial_delay_seconds: 0 });
  await server.fd.services.saltSettings.updateSalt(SYSTEM_ACTOR, { url: sim.url, username: 'salt', password: 'salt', verify: false, eauth: 'pam' });
  salt = server.fd.services.salt.client();

  // An earlier, passing highstate on one minion, so "the newest" has to be picked.
  await salt.localAsync({ tgt: ['web-01'], type: 'list' }, 'state.highstate');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const highstate = await salt.localAsync('*', 'state.highstate');
  const sleep = await salt.localAsync({ tgt: ['web-01'], type: 'list' }, 'test.sleep', { arg: [120] });
  if (!highstate || !sleep) throw new Error('the simulator matched no minion');
  highstateJid = highstate.jid;
  sleepJid = sleep.jid;
  // Every connected minion has returned its highstate before the walk opens it.
  await eventually(async () => {
    const returned = new Set((await salt.listJob(highstateJid))?.results.map((result) => result.minion));
    return sim.onlineMinionIds().every((id) => returned.has(id));
  }, 20_000, 'the highstate returns');

  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sim?.close();
});

describe('the Salt console in the browser (seed 001: checking a recent highstate)', () => {
  it('signs in and shows the Overview with the fleet figures', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await changeBootstrapPassword(page, NEW_ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');

    await visible(page.getByRole('heading', { name: 'Overview' }));
    // The minion snapshot fills as soon as the pollers have read keys and presence.
    const online = `${sim.onlineMinionIds().length}/${sim.minionIds().length}`;
    await eventually(async () => {
      if ((await page.getByTestId('kpi-online-minions').textContent())?.includes(online)) return true;
      await page.reload();
      await page.getByTestId('kpi-online-minions').waitFor({ state: 'visible', timeout: 2000 });
      return (await page.getByTestId('kpi-online-minions').textContent())?.includes(online) === true;
    }, 30_000, `${online} online minions`);
    for (const kpi of ['kpi-online-minions', 'kpi-pending-keys', 'kpi-running-jobs', 'kpi-jobs-24h']) await visible(page.getByTestId(kpi));
    await visible(page.getByTestId('job-activity-chart'));
    await visible(page.getByTestId('minion-status-donut'));
    await visible(page.getByTestId('key-status-bar'));
    await visible(page.getByTestId('recent-activity'));
    // The pending-keys figure comes live from the master: three pending keys in the simulator.
    await eventually(async () => (await page.getByTestId('kpi-pending-keys').textContent())?.includes('3') === true, 15_000, 'the pending keys figure');
    await visible(nav().getByRole('link', { name: 'Activity' }));
    await screenshots('salt-overview');
  });

  it('finds the newest state.highstate by searching the jobs', async () => {
    await nav().getByRole('link', { name: 'Jobs' }).click();
    await page.waitForURL((url) => url.pathname === '/jobs');
    await page.getByLabel('Search jobs').fill('state.highstate');
    await page.waitForURL((url) => url.searchParams.get('q') === 'state.highstate');
    // The jobs index picks the job up from the event stream or the poller.
    const row = page.getByTestId(`job-row-${highstateJid}`);
    await eventually(async () => {
      if (await row.isVisible()) return true;
      await page.reload();
      await row.waitFor({ state: 'visible', timeout: 2000 });
      return true;
    }, 30_000, 'the highstate in the jobs list');
    const rows = page.locator('[data-testid^="job-row-"]');
    await eventually(async () => (await rows.count()) >= 2, 15_000, 'both highstates in the list');
    for (const text of await rows.allTextContents()) expect(text).toContain('state.highstate');
    await screenshots('salt-jobs');

    // Live mode reads the master itself; the toggle lives in the URL.
    await page.getByLabel('Live').check();
    await page.waitForURL((url) => url.searchParams.get('live') === 'true');
    await visible(page.getByTestId(`job-row-${highstateJid}`));
    await page.getByLabel('Live').uncheck();
    await page.waitForURL((url) => !url.searchParams.has('live'));

    // The newest job is the first row.
    expect(await rows.first().getAttribute('data-testid')).toBe(`job-row-${highstateJid}`);
    await rows.first().click();
    await page.waitForURL((url) => url.pathname === `/jobs/${highstateJid}`);
  });

  it('highlights the failing minion in red with the failing state and its error open', async () => {
    // What the master holds: the minions with a failed state, and the first failing state's comment.
    const { minions } = parseStateJob(await salt.lookupJid(highstateJid));
    const failing = minions.flatMap((m) => (m.kind === 'states' && m.summary.failed > 0 ? [m] : []));
    const first = failing[0];
    if (!first) throw new Error('the simulator ran no failing highstate');
    const firstFailure = first.states.find((state) => state.result === false);

    const failed = page.locator('[data-testid^="minion-result-"][data-failed="true"]');
    const card = page.getByTestId(`minion-result-${first.minion}`);
    await visible(card, 20_000);
    expect(await card.getAttribute('data-failed')).toBe('true');
    expect(await failed.count()).toBe(failing.length);
    expect(await card.getAttribute('class')).toContain('is-failed');
    const border = await card.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).borderTopColor ?? '');
    const [red = 0, green = 0, blue = 0] = (border.match(/\d+/g) ?? []).map(Number);
    expect(red).toBeGreaterThan(150);
    expect(green).toBeLessThan(110);
    expect(blue).toBeLessThan(110);

    // The failing state is open with its error comment; it is the first failed row of the card.
    const failingState = card.locator('[data-testid="state-row"][data-result="false"]').first();
    await visible(failingState);
    expect(await failingState.getAttribute('data-state-id')).toBe(firstFailure?.id);
    const comment = failingState.getByTestId('state-comment');
    await visible(comment);
    expect(await comment.textContent()).toBe(firstFailure?.comment);

    // A passing minion is not marked.
    const passed = page.locator('[data-testid^="minion-result-"][data-failed="false"]');
    expect(await passed.count()).toBeGreaterThan(0);
    await visible(page.getByTestId('highstate-summary'));
    await screenshots('salt-job-detail-highstate');

    await page.getByLabel('Failures only').check();
    await eventually(async () => (await passed.count()) === 0, 5000, 'the failures-only filter');
    expect(await failed.count()).toBeGreaterThan(0);
    await page.getByLabel('Failures only').uncheck();
  });

  it('kills the running job after a confirmation, and it stops running', async () => {
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/jobs');
    await page.getByLabel('Search jobs').fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    const row = page.getByTestId(`job-row-${sleepJid}`);
    await eventually(async () => {
      if ((await row.getAttribute('data-status', { timeout: 500 })) === 'running') return true;
      await page.reload();
      return (await row.getAttribute('data-status', { timeout: 2000 })) === 'running';
    }, 30_000, 'the sleep job to show as running');
    await visible(row.getByText('Running'));
    await row.click();
    await page.waitForURL((url) => url.pathname === `/jobs/${sleepJid}`);

    await page.getByRole('button', { name: 'Kill job' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Kill', exact: true }).click();
    await visible(page.getByTestId('kill-sent'));
    await eventually(async () => !sim.onlineMinionIds().includes('web-01') || (await salt.activeJobs()).every((job) => job.jid !== sleepJid), 10_000, 'the kill on the master');

    await page.getByRole('link', { name: 'Back to jobs' }).click();
    await page.waitForURL((url) => url.pathname === '/jobs');
    await eventually(async () => {
      await page.reload();
      return (await row.getAttribute('data-status', { timeout: 2000 })) === 'complete';
    }, 30_000, 'the killed job to show as complete');
  });

  it('dispatches a command from Run and links to its job', async () => {
    await nav().getByRole('link', { name: 'Run' }).click();
    await page.waitForURL((url) => url.pathname === '/run');
    await page.getByLabel('Target', { exact: true }).fill('web-*');
    await page.getByLabel('Function').fill('test.ping');
    await page.getByLabel('Keyword arguments').fill('{not json');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await visible(page.getByText('Not valid JSON', { exact: false }));
    await page.getByLabel('Keyword arguments').fill('');

    // The server's 422 lands on the field it names.
    await page.getByLabel('Target', { exact: true }).fill('web 01');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const targetField = page.locator('.field-invalid').filter({ has: page.getByLabel('Target', { exact: true }) });
    await visible(targetField);
    expect(await targetField.textContent()).toContain('must be a glob without whitespace');

    await page.getByLabel('Target', { exact: true }).fill('web-*');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.getByTestId('run-result');
    await visible(result);
    const jid = (await page.getByTestId('run-result-jid').textContent()) ?? '';
    expect(jid).toMatch(/^\d{20}$/);
    expect(await result.textContent()).toContain('web-01');
    await screenshots('salt-run');
  });

  it('shows a minion with its grains, runs and compliance', async () => {
    await nav().getByRole('link', { name: 'Minions' }).click();
    await page.waitForURL((url) => url.pathname === '/minions');
    const row = page.getByTestId('minion-row-web-01');
    await eventually(async () => {
      if (await row.isVisible()) return true;
      await page.reload();
      await row.waitFor({ state: 'visible', timeout: 2000 });
      return true;
    }, 30_000, 'web-01 in the minions list');
    await page.getByLabel('Search minions').fill('web-01');
    await row.click();
    await page.waitForURL((url) => url.pathname === '/minions/web-01');
    await visible(page.getByTestId('minion-facts'));
    const grains = page.getByTestId('grains-explorer');
    await eventually(async () => {
      if (await grains.isVisible()) return true;
      await page.reload();
      await grains.waitFor({ state: 'visible', timeout: 2000 });
      return true;
    }, 30_000, 'the grains of web-01');
    await page.getByLabel('Search grains').fill('kernel');
    await visible(grains.getByText('kernelrelease'));
    await screenshots('salt-minion-detail');
  });

  it('lists keys by state and the activity feed', async () => {
    await nav().getByRole('link', { name: 'Keys', exact: true }).click();
    await visible(page.getByTestId('key-group-pending'));
    expect(await page.getByTestId('key-group-pending').locator('[data-testid^="key-row-"]').count()).toBe(3);
    await screenshots('salt-keys');

    await page.getByTestId('key-row-new-01').getByRole('button', { name: 'Accept' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await visible(page.locator('[data-testid="key-group-accepted"] [data-testid="key-row-new-01"]'));
    expect(sim.keys().minions).toContain('new-01');

    await nav().getByRole('link', { name: 'Activity' }).click();
    await page.waitForURL((url) => url.pathname === '/activity');
    await visible(page.getByRole('heading', { name: 'Activity' }));
    await visible(page.locator('[data-testid="activity-row"]').first(), 20_000);
    await screenshots('salt-activity');
  });

  it('says Salt-API is unreachable while the master is down, and recovers by itself', async () => {
    const port = Number(new URL(sim.url).port);
    await sim.close();
    await nav().getByRole('link', { name: 'Keys', exact: true }).click();
    await page.reload();
    const outage = page.getByTestId('salt-unavailable');
    await visible(outage, 45_000);
    expect(await outage.getAttribute('data-status')).toBe('503');
    expect(await outage.textContent()).toContain('Salt-API unreachable');
    await screenshots('salt-keys-unreachable');

    // The same master comes back on the same address: the page refetches on its own.
    sim = await startSaltApiSimulator({ port, minions: 8, jobDurationMs: 1000, historyJobs: 0 });
    await visible(page.getByTestId('key-group-pending'), 45_000);
    expect(await outage.count()).toBe(0);
  }, 120_000);
});
