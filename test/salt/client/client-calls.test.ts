import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError, ValidationError } from '../../../src/core/errors.js';
import { createSaltClient, type SaltClient } from '../../../src/salt/client/client.js';
import type { SaltTarget } from '../../../src/salt/client/types.js';
import { captureJson, captureReturn } from './captures.js';
import { type FakeSaltApi, type Reply, startFakeSaltApi } from './fake-salt-api.js';

let api: FakeSaltApi | undefined;
let client: SaltClient | undefined;

/** Answers each `fun` with a recorded salt-api body. */
async function replaying(bodies: Record<string, unknown>, options: Parameters<typeof createSaltClient>[1] = {}) {
  api = await startFakeSaltApi({
    run: (chunks): Reply => {
      const fun = String(chunks[0]?.fun);
      return fun in bodies ? { body: bodies[fun] } : { status: 500, body: { status: 500, return: `no capture for ${fun}` } };
    },
  });
  client = createSaltClient({ url: api.url, username: 'salt', password: 'salt', eauth: 'pam', verifyTls: true }, { maxRetries: 0, ...options });
  return { api, client };
}

const lastChunk = () => (api?.calls().at(-1)?.body as Record<string, unknown>[])[0];

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

describe('lowstate chunks', () => {
  it('sends every target type, with args and kwargs under kwarg', async () => {
    const { client } = await replaying({ 'test.arg': captureJson('ping.json') });
    const targets: [SaltTarget, unknown, string][] = [
      ['web-*', 'web-*', 'glob'], [{ tgt: ['web-01', 'db-01'], type: 'list' }, ['web-01', 'db-01'], 'list'],
      [{ tgt: 'web-0[0-9]', type: 'pcre' }, 'web-0[0-9]', 'pcre'], [{ tgt: 'roles:web', type: 'grain' }, 'roles:web', 'grain'],
      [{ tgt: 'os:Deb.*', type: 'grain_pcre' }, 'os:Deb.*', 'grain_pcre'], [{ tgt: 'role:db', type: 'pillar' }, 'role:db', 'pillar'],
      [{ tgt: 'webservers', type: 'nodegroup' }, 'webservers', 'nodegroup'], [{ tgt: '%web', type: 'range' }, '%web', 'range'],
      [{ tgt: 'G@os:Debian and web*', type: 'compound' }, 'G@os:Debian and web*', 'compound'], [{ tgt: '192.0.2.0/24', type: 'ipcidr' }, '192.0.2.0/24', 'ipcidr'],
    ];
    for (const [target, tgt, type] of targets) {
      await client.local(target, 'test.arg', { arg: [1, 'two'], kwarg: { client: 'not-a-clash', fun: 'x' } });
      expect(lastChunk()).toEqual({ client: 'local', tgt, tgt_type: type, fun: 'test.arg', arg: [1, 'two'], kwarg: { client: 'not-a-clash', fun: 'x' } });
    }
  });

  it('unwraps local_async (local_async.json, async_down.json) and an empty match', async () => {
    const { client } = await replaying({ 'test.sleep': captureJson('local_async.json'), 'test.ping': captureJson('async_down.json'), 'test.none': { return: [{}] } });
    expect(await client.localAsync('*', 'test.sleep', { arg: [120] })).toEqual({ jid: '20261123072814656706', minions: ['cache-01', 'db-01', 'web-01'] });
    expect(lastChunk()).toMatchObject({ client: 'local_async', arg: [120] });
    expect(await client.localAsync('*', 'test.ping')).toEqual({ jid: '20261123073324479040', minions: ['cache-01', 'db-01', 'web-01'] });
    expect(await client.localAsync('nothing*', 'test.none')).toBeNull();
  });

  it('merges local_batch answers and passes the batch size', async () => {
    const { client } = await replaying({ 'test.ping': { return: [{ 'web-01': true }, { 'db-01': true }, { 'cache-01': false }] } });
    expect(await client.localBatch('*', 'test.ping', '25%')).toEqual({ 'web-01': true, 'db-01': true, 'cache-01': false });
    expect(lastChunk()).toMatchObject({ client: 'local_batch', batch: '25%' });
  });

  it('unwraps runner, runner_async, wheel and wheel_async answers', async () => {
    const { client } = await replaying({
      'manage.up': captureJson('manage_up.json'), 'state.orchestrate': captureJson('runner_async.json'),
      'key.list_all': captureJson('key_list_all.json'), 'key.finger': captureJson('wheel_async.json'),
    });
    expect(await client.runner('manage.up', { timeout: 3 })).toEqual(['cache-01', 'db-01', 'web-01']);
    expect(lastChunk()).toEqual({ client: 'runner', fun: 'manage.up', kwarg: { timeout: 3 } });
    expect(await client.runnerAsync('state.orchestrate')).toEqual({ tag: 'salt/run/20261123072957619956', jid: '20261123072957619956' });
    expect(await client.wheel('key.list_all')).toMatchObject({ minions_pre: ['new-01'] });
    expect(await client.wheelAsync('key.finger', { match: 'web-01' })).toEqual({ tag: 'salt/wheel/20261123072957683429', jid: '20261123072957683429' });
    expect(lastChunk()).toEqual({ client: 'wheel_async', fun: 'key.finger', match: 'web-01' });
  });

  it('turns a wheel function that raised (success false) into a 502', async () => {
    const failed = { return: [{ tag: 'salt/wheel/1', data: { fun: 'wheel.key.accept', success: false, return: 'Exception occurred in wheel key.accept: Traceback (most recent call last):\n  File ...' } }] };
    const { client } = await replaying({ 'key.accept': failed });
    await expect(client.keyAccept('new-01')).rejects.toEqual(new UpstreamError('Salt-API error: wheel key.accept failed: Exception occurred in wheel key.accept: Traceback (most recent call last):'));
  });
});

describe('typed helpers on recorded answers', () => {
  it('lists, shows, looks up and watches jobs', async () => {
    const { client } = await replaying({
      'jobs.list_jobs': captureJson('list_jobs.json'), 'jobs.list_job': captureJson('list_job.json'),
      'jobs.lookup_jid': captureJson('lookup_jid_state.json'), 'jobs.active': captureJson('jobs_active.json'),
    }, { masterTimeZone: 'Europe/Berlin' });
    const rows = await client.listJobs({ startTime: new Date('2026-11-23T03:28:00Z'), searchFunction: 'test.*' });
    expect(rows).toHaveLength(15);
    expect(rows[0]?.started_at?.toISOString()).toBe('2026-11-23T06:28:31.008Z');
    expect(lastChunk()).toEqual({ client: 'runner', fun: 'jobs.list_jobs', kwarg: { start_time: '2026, Nov 23 04:28:00.000000', search_function: 'test.*' } });
    expect(await client.listJob('20261123072814656706')).toMatchObject({ function: 'test.sleep', missing: [] });
    expect(lastChunk()).toEqual({ client: 'runner', fun: 'jobs.list_job', kwarg: { jid: '20261123072814656706' } });
    expect(Object.keys(await client.lookupJid('20261123074036000000'))).toEqual(['web-01']);
    expect((await client.activeJobs())[0]?.running).toHaveLength(3);
  });

  it('reads presence, status and keys, and sends the key actions Salt needs', async () => {
    const { client } = await replaying({
      'manage.status': captureJson('manage_status.json'), 'manage.present': captureJson('manage_up.json'),
      'key.list_all': captureJson('key_list_all.json'), 'key.accept': captureJson('key_accept.json'),
      'key.reject': captureJson('key_reject.json'), 'key.delete': captureJson('key_delete.json'),
    });
    expect(await client.manageStatus()).toEqual({ up: ['cache-01', 'db-01', 'web-01'], down: [] });
    expect(await client.managePresent()).toEqual(['cache-01', 'db-01', 'web-01']);
    expect(await client.keyListAll()).toContainEqual({ id: 'new-01', status: 'pending' });
    expect(await client.keyAccept('new-01')).toEqual([{ id: 'new-01', status: 'accepted' }]);
    expect(lastChunk()).toEqual({ client: 'wheel', fun: 'key.accept', match: 'new-01', include_rejected: true, include_denied: true });
    expect(await client.keyReject('new-01')).toEqual([{ id: 'new-01', status: 'rejected' }]);
    expect(lastChunk()).toEqual({ client: 'wheel', fun: 'key.reject', match: 'new-01', include_accepted: true, include_denied: true });
    await client.keyDelete('new-01');
    expect(lastChunk()).toEqual({ client: 'wheel', fun: 'key.delete', match: 'new-01' });
    await expect(client.keyAccept('*')).rejects.toBeInstanceOf(ValidationError);
    await expect(client.keyDelete('a,b')).rejects.toBeInstanceOf(ValidationError);
  });

  it('collects grains, packages, functions and docs per minion', async () => {
    const { client } = await replaying({
      'grains.items': captureJson('minions.json'), 'pkg.list_pkgs': captureJson('pkg_list.json'),
      'sys.list_functions': captureJson('sys_list_functions.json'), 'sys.doc': captureJson('sys_doc.json'),
    });
    expect(Object.keys(await client.grainsItems('*')).sort()).toEqual(['cache-01', 'db-01', 'web-01']);
    expect((await client.pkgListPkgs({ tgt: ['web-01'], type: 'list' }))['web-01']?.apt).toBe('2.6.1');
    expect((await client.sysListFunctions('web-01', 'test'))['web-01']).toContain('test.ping');
    expect(lastChunk()).toMatchObject({ fun: 'sys.list_functions', arg: ['test'] });
    expect((await client.sysDoc('test.ping'))['test.ping']).toContain('Not an ICMP ping');
  });

  it('kills a job with the saltutil.kill_job execution function on the minions still running it', async () => {
    const running = { return: [{ ...(captureReturn('list_job.json') as object), Result: {} }] };
    const { api, client } = await replaying({ 'jobs.list_job': running, 'saltutil.kill_job': captureJson('kill_job.json') });
    const result = await client.killJob('20261123072949855229');
    expect(lastChunk()).toEqual({ client: 'local', tgt: ['cache-01', 'db-01', 'web-01'], tgt_type: 'list', fun: 'saltutil.kill_job', arg: ['20261123072949855229'] });
    expect(result).toEqual({ jid: '20261123072949855229', targeted: ['cache-01', 'db-01', 'web-01'], signalled: ['db-01'], notRunning: [], noReply: ['cache-01', 'web-01'] });
    expect(api.calls().map((r) => (r.body as { client: string }[])[0]?.client)).toEqual(['runner', 'local']);
  });

  it('reports a job that is no longer running (kill_job_again.json) and never calls a runner to kill', async () => {
    const { api, client } = await replaying({ 'saltutil.kill_job': captureJson('kill_job_again.json'), 'jobs.list_job': captureJson('list_job.json') });
    expect(await client.killJob('20261123072949855229', ['db-01'])).toMatchObject({ signalled: [], notRunning: ['db-01'], noReply: [] });
    expect(await client.killJob('20261123072814656706')).toMatchObject({ targeted: [], signalled: [] });
    expect(api.calls().map((r) => (r.body as { fun: string }[])[0]?.fun)).toEqual(['saltutil.kill_job', 'jobs.list_job']);
  });
});
