import { startSaltApiSimulator } from './index.js';

/** `npm run sim:salt`: the simulator on PORT (default 8000), with background activity unless BACKGROUND=0. */
const env = process.env;
const num = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

const sim = await startSaltApiSimulator({
  host: env.HOST ?? '127.0.0.1',
  port: num(env.PORT) ?? 8000,
  minions: num(env.MINIONS),
  seed: num(env.SEED),
  username: env.SALT_USERNAME,
  password: env.SALT_PASSWORD,
  offlineMinions: num(env.OFFLINE_MINIONS),
  jobDurationMs: num(env.JOB_DURATION_MS),
  background: env.BACKGROUND !== '0',
});

console.log(`Salt-API simulator listening on ${sim.url}`);
console.log(`  login: POST ${sim.url}/login {"username": "${sim.username}", "password": "${sim.password}", "eauth": "pam"}`);
console.log(`  fleet: ${sim.minionIds().length} accepted minions, ${sim.onlineMinionIds().length} online`);

const shutdown = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
