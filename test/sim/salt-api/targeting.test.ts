import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaltApiSimulator } from '../../../src/sim/salt-api/index.js';
import { SaltClient, startSim } from './support.js';

describe('salt-api simulator targeting', () => {
  let sim: SaltApiSimulator;
  let api: SaltClient;
  let ids: string[];

  /** The minions a target resolves to, read from `local_async` (which answers without waiting). */
  async function target(tgt: unknown, tgtType?: string): Promise<string[]> {
    const ret = (await api.call({ client: 'local_async', tgt, ...(tgtType ? { tgt_type: tgtType } : {}), fun: 'test.ping' })) as { minions?: string[] };
    return [...(ret.minions ?? [])].sort();
  }
  const where = (pred: (grains: Record<string, unknown>) => boolean): string[] =>
    ids.filter((id) => pred(sim.grains(id) ?? {})).sort();

  beforeAll(async () => {
    sim = await startSim({ minions: 30, offlineMinions: 3 });
    api = new SaltClient(sim.url);
    await api.login();
    ids = sim.minionIds();
  });
  afterAll(() => sim.close());

  it('glob, with fnmatch classes; offline minions are still targeted', async () => {
    expect(await target('*')).toEqual(ids);
    expect(await target('web-0[12]')).toEqual(['web-01', 'web-02'].filter((id) => ids.includes(id)));
    expect(await target('db-*')).toEqual(ids.filter((id) => id.startsWith('db-')));
    expect(await target('nomatch-*')).toEqual([]);
    expect(await api.call({ client: 'local_async', tgt: 'nomatch-*', fun: 'test.ping' })).toEqual({});
  });

  it('list, as an array or a comma-separated string; pending keys are not targeted', async () => {
    expect(await target(['web-01', 'db-01', 'new-01'], 'list')).toEqual(['db-01', 'web-01']);
    expect(await target('web-01,cache-01', 'list')).toEqual(['cache-01', 'web-01']);
  });

  it('pcre, anchored at the start like re.match', async () => {
    expect(await target('(web|db)-0[1-2]', 'pcre')).toEqual(ids.filter((id) => /^(web|db)-0[12]/.test(id)));
    expect(await target('eb-01', 'pcre')).toEqual([]);
  });

  it('grain and grain_pcre, case-insensitive, through lists and nested keys', async () => {
    expect(await target('os_family:Debian', 'grain')).toEqual(where((g) => g.os_family === 'Debian'));
    expect(await target('os_family:debian', 'grain')).toEqual(where((g) => g.os_family === 'Debian'));
    expect(await target('roles:web*', 'grain')).toEqual(where((g) => (g.roles as string[]).some((r) => r.startsWith('web'))));
    expect(await target('systemd:version:25*', 'grain')).toEqual(where((g) => String((g.systemd as { version: string }).version).startsWith('25')));
    const redhat = await target('os:(Rocky|AlmaLinux)', 'grain_pcre');
    expect(redhat.length).toBeGreaterThan(0);
    expect(redhat).toEqual(where((g) => ['Rocky', 'AlmaLinux'].includes(String(g.os))));
  });

  it('pillar and nodegroup', async () => {
    const groups = sim.nodegroups();
    expect(groups.databases).toBe('G@roles:database');
    expect(await target('databases', 'nodegroup')).toEqual(where((g) => (g.roles as string[]).includes('database')));
    expect(await target('no-such-group', 'nodegroup')).toEqual([]);
    const prod = await target('env:prod', 'pillar');
    expect(prod.length).toBeGreaterThan(0);
    expect(prod).toEqual(where((g) => g.env === 'prod'));
  });

  it('compound, with Python precedence (not > and > or) and parentheses', async () => {
    const debian = where((g) => g.os_family === 'Debian');
    expect(await target('G@os_family:Debian and web-*', 'compound')).toEqual(debian.filter((id) => id.startsWith('web-')));
    expect(await target('web-01 or db-01 and G@os:NoSuchOs', 'compound')).toEqual(['web-01']);
    expect(await target('( web-01 or db-01 ) and not db-*', 'compound')).toEqual(['web-01']);
    expect(await target('L@web-01,db-01 or E@^cache-0[1]$', 'compound')).toEqual(['cache-01', 'db-01', 'web-01']);
    expect(await target('N@databases and I@env:prod', 'compound')).toEqual(where((g) => (g.roles as string[]).includes('database') && g.env === 'prod'));
    expect(await target('and and', 'compound')).toEqual([]);
  });

  it('ipcidr on the minions\' IPv4 addresses', async () => {
    const ip = (sim.grains('web-01')?.fqdn_ip4 as string[])[0] ?? '';
    expect(await target(ip, 'ipcidr')).toEqual(['web-01']);
    const subnet = `${ip.split('.').slice(0, 2).join('.')}.0.0/16`;
    expect(await target(subnet, 'ipcidr')).toEqual(where((g) => (g.ipv4 as string[]).some((a) => a.startsWith(ip.split('.').slice(0, 2).join('.') + '.'))));
    expect(await target(`S@${ip}`, 'compound')).toEqual(['web-01']);
  });

  it('range matches nothing, as on a master without seco.range', async () => {
    expect(await api.call({ client: 'local_async', tgt: '%cluster', tgt_type: 'range', fun: 'test.ping' })).toEqual({});
    expect(await api.call({ client: 'local', tgt: '%cluster', tgt_type: 'range', fun: 'test.ping' })).toEqual({});
  });
});
