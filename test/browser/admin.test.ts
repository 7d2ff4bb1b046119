import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, changeBootstrapPassword, launchBrowser, signIn, startServer, visible, type RunningServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('administration in the browser', () => {
  it('signs in as the bootstrap admin and is made to change the password first', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await changeBootstrapPassword(page, 'a-new-admin-password');

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const item of ['Users', 'Roles', 'Audit']) await visible(nav.getByRole('link', { name: item }));
  });

  it('creates a user with a role, then assigns another role', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill('alice');
    await dialog.getByLabel('Display name').fill('Alice Operator');
    await dialog.getByLabel('Password', { exact: true }).fill('alice-password-1');
    await dialog.getByLabel('viewer', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();

    const row = page.getByTestId('user-row-alice');
    await visible(row);
    expect(await row.textContent()).toContain('Alice Operator');

    await row.getByRole('button', { name: 'Roles' }).click();
    const roles = page.getByRole('dialog');
    await roles.getByLabel('Role').selectOption({ label: 'operator' });
    await roles.getByRole('button', { name: 'Add role' }).click();
    await visible(roles.getByTestId('user-role-operator'));
    await roles.getByRole('button', { name: 'Done' }).click();

    const user = await server.fd.services.users.findByUsername('alice');
    const roleIds = await server.fd.services.users.roleIds(user.id);
    const names = await Promise.all(roleIds.map(async (id) => (await server.fd.services.rbac.get(id)).name));
    expect(names.sort()).toEqual(['operator', 'viewer']);
  });

  it('shows the creation and the role assignment in the audit log', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    const rows = page.getByTestId('audit-row');
    await visible(rows.filter({ hasText: 'user.role_add' }).first());
    await visible(rows.filter({ hasText: 'user.create' }).filter({ hasText: 'user:alice' }).first());
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await visible(page.locator('[data-testid="audit-verify-result"][data-ok="true"]'));
    await page.screenshot({ path: 'test-results/admin-audit.png', fullPage: true });
  });
});
