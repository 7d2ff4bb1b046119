import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaltApiSimulator, type SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { connectSalt, SIM } from '../jobs/support.js';

let t: TestApp;
let sim: SaltApiSimulator;
let operator: string;

beforeAll(async () => {
  sim = await startSaltApiSimulator(SIM);
  t = await createTestApp();
  operator = await t.cookieFor(['operator']);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const post = (payload: object, cookie: string | null = operator) =>
  t.fd.app.inject({ method: 'POST', url: '/api/run', headers: cookie ? { cookie } : {}, payload });
const auditOf = (action: string) => t.fd.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('POST /api/run before Salt is configured', () => {
  it('answers 401 without a session, 403 to a viewer, and 503 (audited) to an operator', async () => {
    expect((await post({ target: '*', fun: 'test.ping' }, null)).statusCode).toBe(401);
    expect((await post({ target: '*', fun: 'test.ping' }, await t.cookieFor(['viewer']))).statusCode).toBe(403);
    const response = await post({ target: '*', fun: 'test.ping' });
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/not configured/);
    expect((await auditOf('salt.run')).at(-1)).toMatchObject({ decision: 'deny', result_code: 503, resource: 'salt:test.ping' });
  });
});

describe('POST /api/run against the simulator', () => {
  beforeAll(async () => {
    await connectSalt(t, sim, { event_stream_enabled: false });
  });

  it('validates the function and the target with 422 naming the field', async () => {
    const fun = await post({ target: '*', fun: 'cmd' });
    expect(fun.statusCode).toBe(422);
    expect(fun.json().detail).toBe('fun must be of the form module.function');
    const cases: [object, string][] = [
      [{ target: '', fun: 'test.ping' }, 'target'],
      [{ target: 'x'.repeat(1025), fun: 'test.ping' }, 'target'],
      [{ target: 'web-01\u0000', fun: 'test.ping' }, 'target'],
      [{ target: 'web-01, db-01', target_type: 'list', fun: 'test.ping' }, 'target'],
      [{ target: 'web-01,,db-01', target_type: 'list', fun: 'test.ping' }, 'target'],
      [{ target: 'web 01', fun: 'test.ping' }, 'target'],
      [{ target: '(G@os:Debian and web*', target_type: 'compound', fun: 'test.ping' }, 'target'],
      [{ target: 'G@os:Debian and', target_type: 'compound', fun: 'test.ping' }, 'target'],
      [{ target: 'Debian', target_type: 'grain', fun: 'test.ping' }, 'target'],
      [{ target: 'not-an-ip', target_type: 'ipcidr', fun: 'test.ping' }, 'target'],
      [{ target: '*', target_type: 'cluster', fun: 'test.ping' }, 'target_type'],
      [{ target: '*', fun: 'test.ping', batch: '0' }, 'batch'],
      [{ target: '*', fun: 'test.ping', batch: '150%' }, 'batch'],
      [{ target: '*', fun: 'test.ping', args: 'x' }, 'args'],
      [{ target: '*', fun: 'test.ping', colour: 'red' }, 'colour'],
      [{ target: '*', fun: 'test.'.padEnd(129, 'x') }, 'fun'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
      expect(JSON.stringify(response.json().detail), JSON.stringify(payload)).toContain(field);
    }
  });

  it('dispatches (202 {jid, minions}), records the job in the index at once and audits salt.run with the jid', async () => {
    const payload = { target: 'web-*', fun: 'test.echo', args: ['one'], kwargs: { ignored: true } };
    const response = await post(payload);
    expect(response.statusCode).toBe(202);
    const { jid, minions } = response.json();
    expect(jid).toMatch(/^\d{20}$/);
    expect(minions).toEqual(sim.minionIds().filter((id) => id.startsWith('web-')));
    const row = await t.fd.database.db.selectFrom('jobs_index').selectAll().where('jid', '=', jid).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'run', function: 'test.echo', target: 'web-*', target_type: 'glob', minion_count: minions.length });
    expect(JSON.parse(row.arguments_json!)).toEqual(['one', { ignored: true, __kwarg__: true }]);
    const audit = (await auditOf('salt.run')).at(-1)!;
    expect(audit).toMatchObject({ decision: 'allow', result_code: 202, resource: 'salt:test.echo', salt_jid: jid });
    expect(JSON.parse(audit.args_json!)).toMatchObject(payload);
  });

  it('waits for the returns when async is false (200), and sends keyword arguments under kwarg', async () => {
    const response = await post({ target: 'web-01,db-01', target_type: 'list', fun: 'test.echo', kwargs: { text: 'by keyword' }, async: false });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ minions: ['db-01', 'web-01'], returns: { 'db-01': 'by keyword', 'web-01': 'by keyword' }, retcodes: { 'db-01': 0, 'web-01': 0 } });
    expect(body.jids).toEqual([body.jid]);
    const stored = await t.fd.database.db.selectFrom('job_returns').select(['minion_id', 'retcode']).where('jid', '=', body.jid).orderBy('minion_id').execute();
    expect(stored).toEqual([{ minion_id: 'db-01', retcode: 0 }, { minion_id: 'web-01', retcode: 0 }]);
    expect((await auditOf('salt.run')).at(-1)).toMatchObject({ result_code: 200, salt_jid: body.jid });
  });

  it('runs in batches with local_batch: one job per batch, every minion\'s return', async () => {
    const response = await post({ target: '*', fun: 'test.ping', batch: '2', async: false });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.minions).toEqual(sim.minionIds());
    expect(Object.values(body.returns).every((v) => v === true)).toBe(true);
    expect(body.jids).toHaveLength(3);
    const rows = await t.fd.database.db.selectFrom('jobs_index').select(['jid', 'source', 'minion_count']).where('jid', 'in', body.jids).execute();
    expect(rows.map((r) => r.source)).toEqual(['run', 'run', 'run']);
    expect(rows.reduce((n, r) => n + (r.minion_count ?? 0), 0)).toBe(5);
  });

  it('targets by every target type Salt offers', async () => {
    const ip = (sim.grains('web-01')?.ipv4 as string[]).find((a) => a !== '127.0.0.1');
    const cases: [string, string, string[]][] = [
      ['glob', 'db-*', ['db-01']],
      ['list', 'web-01,cache-01', ['cache-01', 'web-01']],
      ['pcre', '^(web|db)-01$', ['db-01', 'web-01']],
      ['grain', 'id:cache-01', ['cache-01']],
      ['grain_pcre', 'id:^ca.*', ['cache-01']],
      ['pillar', 'role:database', ['db-01']],
      ['nodegroup', 'databases', ['db-01']],
      ['compound', 'L@web-01 or ( G@id:db-01 and not E@^web )', ['db-01', 'web-01']],
      ['ipcidr', `${ip}/32`, ['web-01']],
    ];
    for (const [targetType, target, expected] of cases) {
      const response = await post({ target, target_type: targetType, fun: 'test.ping' });
      expect(response.statusCode, `${targetType} ${target}: ${response.body}`).toBe(202);
      expect([...response.json().minions].sort(), targetType).toEqual(expected);
    }
  });

  it('answers 502 "Salt-API returned no jid" (audited) when the target matches no minion', async () => {
    for (const payload of [{ target: 'nothing-*', fun: 'test.ping' }, { target: 'host1-3', target_type: 'range', fun: 'test.ping' }, { target: 'nothing-*', fun: 'test.ping', async: false }]) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(502);
      expect(response.json().detail).toBe('Salt-API returned no jid');
      expect((await auditOf('salt.run')).at(-1)).toMatchObject({ decision: 'deny', result_code: 502 });
    }
  });

  it('checks the permission against the real function: execute:salt:test.* runs test.ping but not cmd.run', async () => {
    const role = await t.makeRole(['execute:salt:test.*']);
    const user = await t.makeUser({ roles: [role.name] });
    const cookie = await t.login(user.username);
    expect((await post({ target: 'web-01', fun: 'test.ping' }, cookie)).statusCode).toBe(202);
    const refused = await post({ target: 'web-01', fun: 'cmd.run', args: ['id'] }, cookie);
    expect(refused.statusCode).toBe(403);
    expect((await auditOf('salt.run')).at(-1)).toMatchObject({ decision: 'deny', result_code: 403, resource: 'salt:cmd.run', user_id: user.id });
  });
});
