import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../core/config/index.js';
import { migrateToLatest, openDatabase } from '../core/db/database.js';
import { SYSTEM_ACTOR, type Actor } from '../core/rbac/actor.js';
import { createFleetdeck, type Fleetdeck } from '../server.js';
import { startSaltApiSimulator } from '../sim/salt-api/index.js';

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'cli' };
const SHUTDOWN_DEADLINE_MS = 10_000;

/** Opens Fleetdeck without serving, runs `work`, and closes it. */
async function withFleetdeck(work: (fd: Fleetdeck) => Promise<void>): Promise<void> {
  const fd = await createFleetdeck(loadConfig(), { logger: false });
  try {
    await work(fd);
  } finally {
    await fd.close();
  }
}

interface ServeHooks {
  /** Runs after start-up, before listening (the demo seeds here). */
  prepare?: (fd: Fleetdeck) => Promise<void>;
  banner?: (url: string, fd: Fleetdeck) => string;
  /** Runs after Fleetdeck has closed. */
  cleanup?: () => Promise<void>;
}

async function serve(env: Record<string, string | undefined> = process.env, hooks: ServeHooks = {}): Promise<void> {
  const config = loadConfig(env);
  const fd = await createFleetdeck(config);
  await hooks.prepare?.(fd);
  const address = await fd.app.listen({ host: config.host, port: config.port });
  fd.startWorkers();
  const url = address.replace('://127.0.0.1', '://localhost');
  if (fd.generatedAdminPassword) {
    process.stdout.write(`\nFirst start: created user "admin" with password ${fd.generatedAdminPassword}\n(shown only this once; you will be asked to change it at first sign-in)\n\n`);
  }
  process.stdout.write(hooks.banner ? hooks.banner(url, fd) : `Fleetdeck is listening on ${url}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    fd.app.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    fd.close()
      .then(() => hooks.cleanup?.())
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** A ready demo: the admin needs no password change, and Salt points at the simulator. */
async function prepareDemo(fd: Fleetdeck, password: string, saltUrl: string): Promise<void> {
  const admin = await fd.services.users.findByUsername('admin');
  await fd.services.users.resetPassword(CLI_ACTOR, admin.id, { new_password: password, must_change_pw: false });
  await fd.services.saltSettings.updateSalt(CLI_ACTOR, { url: saltUrl, username: 'salt', password: 'salt', verify: false, eauth: 'pam' });
}

const program = new Command('fleetdeck').description('Fleetdeck: one console for Salt-managed servers and industrial machines');

program.command('serve').description('serve the API and web app').action(() => serve());

program.command('demo')
  .description('serve a demo on an embedded SQLite database, fed by the bundled Salt-API simulator, with a ready admin')
  .action(async () => {
    const password = process.env.FLEETDECK_ADMIN_PASSWORD || 'fleetdeck-demo';
    const env = { COOKIE_SECURE: 'false', DATABASE_URL: 'sqlite:./data/demo.db', ...process.env, FLEETDECK_ADMIN_PASSWORD: password };
    const sim = await startSaltApiSimulator({ port: Number(process.env.DEMO_SALT_PORT ?? 0), minions: 40, background: true, historyJobs: 250 });
    await serve(env, {
      prepare: (fd) => prepareDemo(fd, password, sim.url),
      banner: (url) =>
        `\nFleetdeck demo is running at ${url}\nSign in as admin / ${password}\nAPI docs: ${url}/docs\n` +
        `Salt-API simulator: ${sim.url} (${sim.minionIds().length} minions)\n\n`,
      cleanup: () => sim.close(),
    });
  });

program.command('migrate').description('apply database migrations and exit').action(async () => {
  const database = openDatabase(loadConfig().databaseUrl);
  try {
    const applied = await migrateToLatest(database);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date\n');
  } finally {
    await database.destroy();
  }
});

const user = program.command('user').description('manage users');

user.command('create <username>')
  .description('create a user (a password is generated when none is given)')
  .option('-p, --password <password>', 'initial password (8+ characters)')
  .option('-r, --role <name...>', 'role names to grant', ['viewer'])
  .option('-d, --display-name <name>', 'display name', '')
  .option('-e, --email <email>', 'email address')
  .option('--no-must-change', 'do not require a password change at first sign-in')
  .action((username: string, opts: { password?: string; role: string[]; displayName: string; email?: string; mustChange: boolean }) =>
    withFleetdeck(async ({ services }) => {
      const password = opts.password ?? randomBytes(12).toString('base64url');
      const roleIds = await Promise.all(opts.role.map((name) => services.rbac.roleIdByName(name)));
      await services.users.create(CLI_ACTOR, {
        username, password, display_name: opts.displayName, email: opts.email ?? null, must_change_pw: opts.mustChange, role_ids: roleIds,
      });
      process.stdout.write(`Created user ${username}${opts.password ? '' : ` with password ${password}`}\n`);
    }));

user.command('reset-password <username>')
  .description('set a new password (generated when none is given); the user must change it at next sign-in')
  .option('-p, --password <password>', 'new password (8+ characters)')
  .action((username: string, opts: { password?: string }) =>
    withFleetdeck(async ({ services }) => {
      const password = opts.password ?? randomBytes(12).toString('base64url');
      const target = await services.users.findByUsername(username);
      await services.users.resetPassword(CLI_ACTOR, target.id, { new_password: password, must_change_pw: true });
      process.stdout.write(`Password of ${username} reset${opts.password ? '' : ` to ${password}`}\n`);
    }));

program.command('api-key').description('manage API keys').command('create')
  .description('create an API key acting for a user; prints the secret once')
  .requiredOption('-n, --name <name>', 'key name')
  .requiredOption('-u, --user <username>', 'the user the key acts for (it never exceeds their permissions)')
  .option('--permission <verb:resource...>', 'permissions', ['ingest:reading:*'])
  .option('--expires-at <iso>', 'expiry, ISO 8601')
  .action((opts: { name: string; user: string; permission: string[]; expiresAt?: string }) =>
    withFleetdeck(async ({ services }) => {
      const owner = await services.users.findByUsername(opts.user);
      const actor: Actor = { ...CLI_ACTOR, userId: owner.id };
      const created = await services.apiKeys.create(actor, { name: opts.name, permissions: opts.permission, expires_at: opts.expiresAt ?? null });
      process.stdout.write(`${created.key}\n`);
    }));

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`Configuration error: ${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
