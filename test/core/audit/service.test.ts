import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../../src/core/audit/hash.js';
import type { AuditService } from '../../../src/core/audit/service.js';
import type { AuditLogTable } from '../../../src/core/db/tables.js';
import { ConflictError, NotFoundError } from '../../../src/core/errors.js';
import type { Actor } from '../../../src/core/rbac/actor.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
let audit: AuditService;
beforeAll(async () => {
  t = await createTestApp();
  audit = t.fd.services.audit;
});
afterAll(() => t.close());

type AuditRow = Selectable<AuditLogTable>;

function userActor(): Actor {
  const id = randomUUID();
  return {
    kind: 'user', id, name: t.unique('auditor'), userId: id, grantSets: [[{ verb: '*', resource_glob: '*' }]],
    mustChangePassword: false, requestId: t.unique('req'), ip: '192.0.2.7',
  };
}

const db = () => t.fd.database.db;
const rowsOf = (actor: Actor): Promise<AuditRow[]> => db().selectFrom('audit_log').selectAll().where('actor', '=', actor.name).orderBy('id').execute();
const lastRow = (): Promise<AuditRow> => db().selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
const roleNamed = (name: string) => db().selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();

async function recordSome(actor: Actor, count: number): Promise<AuditRow[]> {
  for (let i = 0; i < count; i++) {
    await audit.recordAlone(actor, { action: 'test.event', resource: `thing:${i}`, decision: 'allow', resultCode: 200 });
  }
  return rowsOf(actor);
}

/** Puts a row back exactly as it was, so the chain verifies again for the next test. */
async function restore(row: AuditRow): Promise<void> {
  const existing = await db().selectFrom('audit_log').select('id').where('id', '=', row.id).executeTakeFirst();
  if (existing) await db().updateTable('audit_log').set(row).where('id', '=', row.id).execute();
  else await db().insertInto('audit_log').values(row as Insertable<AuditLogTable>).execute();
}

describe('record', () => {
  it('writes who, what, the redacted arguments, before and after, request id and IP', async () => {
    const actor = userActor();
    await audit.recordAlone(actor, {
      action: 'thing.update', resource: 'thing:1', decision: 'allow', resultCode: 200, saltJid: '20240101000000000001', durationMs: 12,
      args: { name: 'x', Password: 'p1', nested: { API_KEY: 'k', token: 't', keep: 1, deeper: { current_password: 'c' } }, list: [{ secret: 's' }] },
      before: { name: 'old', refresh_token: 'r' },
      after: { name: 'x', authorization: 'Bearer abc' },
    });
    const [row] = await rowsOf(actor);
    expect(row).toMatchObject({
      user_id: actor.userId, actor: actor.name, actor_type: 'user', action: 'thing.update', resource: 'thing:1',
      salt_jid: '20240101000000000001', decision: 'allow', result_code: 200, duration_ms: 12, request_id: actor.requestId, ip: '192.0.2.7',
    });
    expect(JSON.parse(row!.args_json!)).toEqual({
      name: 'x', Password: '[REDACTED]',
      nested: { API_KEY: '[REDACTED]', token: '[REDACTED]', keep: 1, deeper: { current_password: '[REDACTED]' } },
      list: [{ secret: '[REDACTED]' }],
    });
    expect(JSON.parse(row!.before_json!)).toEqual({ name: 'old', refresh_token: '[REDACTED]' });
    expect(JSON.parse(row!.after_json!)).toEqual({ name: 'x', authorization: '[REDACTED]' });
    for (const secret of ['p1', '"k"', '"t"', '"c"', '"s"', '"r"', 'Bearer abc']) expect(row!.args_json! + row!.before_json! + row!.after_json!).not.toContain(secret);
  });

  it('stores null for arguments, before and after that were not given', async () => {
    const actor = userActor();
    await audit.recordAlone(actor, { action: 'thing.touch', resource: 'thing:2', decision: 'deny', resultCode: 403 });
    const [row] = await rowsOf(actor);
    expect(row).toMatchObject({ args_json: null, before_json: null, after_json: null, salt_jid: null, duration_ms: 0 });
  });

  it('chains each row to the one before and moves the chain head', async () => {
    const actor = userActor();
    const rows = await recordSome(actor, 3);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    for (const row of rows) {
      const { id: _id, prev_hash, hash, ...fields } = row;
      expect(auditHash(prev_hash, fields)).toBe(hash);
    }
    const head = await db().selectFrom('audit_chain').selectAll().executeTakeFirstOrThrow();
    const count = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(head).toEqual({ id: 1, seq: Number(count.n), hash: rows[2]!.hash });
  });

  it('keeps one chain under concurrent writes', async () => {
    const actor = userActor();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        audit.audited(actor, { action: 'test.parallel', resource: `thing:${i}`, resultCode: 200 }, async () => i),
      ),
    );
    expect(await rowsOf(actor)).toHaveLength(12);
    expect(await audit.verify()).toMatchObject({ ok: true, first_bad_id: null });
  });
});

describe('audited', () => {
  it('commits the change and its allow row together, with before and after from the work', async () => {
    const actor = userActor();
    const name = t.unique('role');
    const result = await audit.audited(actor, { action: 'role.create', resource: `role:${name}`, args: { name }, resultCode: 201 }, async (trx, draft) => {
      await trx.insertInto('roles').values({ id: randomUUID(), name, description: '', is_builtin: 0 }).execute();
      draft.after = { name };
      return 'done';
    });
    expect(result).toBe('done');
    expect(await roleNamed(name)).toMatchObject({ name });
    const rows = await rowsOf(actor);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'role.create', resource: `role:${name}`, decision: 'allow', result_code: 201, user_id: actor.userId });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ name });
    expect(rows[0]!.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('writes nothing of the change when the work is refused, and records a deny row with the status', async () => {
    const actor = userActor();
    const name = t.unique('role');
    const work = audit.audited(actor, { action: 'role.create', resource: `role:${name}`, args: { name, password: 'pw-123' }, resultCode: 201 }, async (trx) => {
      await trx.insertInto('roles').values({ id: randomUUID(), name, description: '', is_builtin: 0 }).execute();
      throw new ConflictError('Refused after writing');
    });
    await expect(work).rejects.toThrow(ConflictError);
    expect(await roleNamed(name)).toBeUndefined();
    const rows = await rowsOf(actor);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'role.create', resource: `role:${name}`, decision: 'deny', result_code: 409 });
    expect(JSON.parse(rows[0]!.args_json!)).toEqual({ name, password: '[REDACTED]' });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('records the refusal\u2019s own status (404 here)', async () => {
    const actor = userActor();
    await expect(audit.audited(actor, { action: 'thing.delete', resource: 'thing:gone', resultCode: 204 }, async () => {
      throw new NotFoundError('Thing not found');
    })).rejects.toThrow('Thing not found');
    expect((await rowsOf(actor)).map((r) => [r.decision, r.result_code])).toEqual([['deny', 404]]);
  });

  it('rolls the change back and rethrows when the work fails unexpectedly, recording no allow row', async () => {
    const actor = userActor();
    const name = t.unique('role');
    const failure = new Error('disk on fire');
    await expect(audit.audited(actor, { action: 'role.create', resource: `role:${name}`, resultCode: 201 }, async (trx) => {
      await trx.insertInto('roles').values({ id: randomUUID(), name, description: '', is_builtin: 0 }).execute();
      throw failure;
    })).rejects.toBe(failure);
    expect(await roleNamed(name)).toBeUndefined();
    expect((await rowsOf(actor)).filter((r) => r.decision === 'allow')).toEqual([]);
  });
});

describe('verify', () => {
  it('reports an intact chain with the number of rows checked and the head hash', async () => {
    await recordSome(userActor(), 2);
    const count = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const last = await lastRow();
    expect(await audit.verify()).toEqual({ ok: true, checked: Number(count.n), first_bad_id: null, head_hash: last.hash });
  });

  it('finds a row whose content was edited', async () => {
    const rows = await recordSome(userActor(), 3);
    const target = rows[1]!;
    try {
      await db().updateTable('audit_log').set({ resource: 'thing:forged' }).where('id', '=', target.id).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, first_bad_id: target.id, head_hash: rows[0]!.hash });
    } finally {
      await restore(target);
    }
    expect(await audit.verify()).toMatchObject({ ok: true, first_bad_id: null });
  });

  it('finds an edit whose row hash was recomputed, at the next row', async () => {
    const rows = await recordSome(userActor(), 3);
    const target = rows[1]!;
    try {
      const { id: _id, prev_hash, hash: _hash, ...fields } = target;
      const forged = { ...fields, resource: 'thing:forged' };
      await db().updateTable('audit_log').set({ resource: forged.resource, hash: auditHash(prev_hash, forged) }).where('id', '=', target.id).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, first_bad_id: rows[2]!.id });
    } finally {
      await restore(target);
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('finds a deleted row in the middle, at the row after it', async () => {
    const rows = await recordSome(userActor(), 3);
    try {
      await db().deleteFrom('audit_log').where('id', '=', rows[1]!.id).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, first_bad_id: rows[2]!.id });
    } finally {
      await restore(rows[1]!);
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('finds a deleted last row', async () => {
    const rows = await recordSome(userActor(), 2);
    const last = rows[1]!;
    expect((await lastRow()).id).toBe(last.id);
    try {
      await db().deleteFrom('audit_log').where('id', '=', last.id).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, first_bad_id: last.id, head_hash: rows[0]!.hash });
    } finally {
      await restore(last);
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('walks chains longer than one page and finds an edit past the first page', async () => {
    const actor = userActor();
    await t.fd.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1010; i++) await audit.record(trx, actor, { action: 'test.bulk', resource: `thing:${i}`, decision: 'allow', resultCode: 200 });
    });
    const count = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(1000);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: Number(count.n) });
    const target = await lastRow();
    try {
      await db().updateTable('audit_log').set({ result_code: 500 }).where('id', '=', target.id).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, first_bad_id: target.id });
    } finally {
      await restore(target);
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});
