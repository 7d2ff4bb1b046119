import { describe, expect, it } from 'vitest';
import { pickPrimaryIp } from '../../../../src/salt/client/parse/ip.js';
import { captureReturn } from '../captures.js';

describe('pickPrimaryIp', () => {
  it('picks the gateway-side address for every minion in minions.json, grains_items.json and minion_db01.json', () => {
    for (const name of ['minions.json', 'grains_items.json', 'minion_db01.json']) {
      const perMinion = captureReturn(name) as Record<string, unknown>;
      expect(Object.keys(perMinion).length).toBeGreaterThan(0);
      for (const grains of Object.values(perMinion)) expect(pickPrimaryIp(grains)).toBe('192.0.2.2');
    }
  });

  it('prefers the interface sharing most octets with the gateway, skipping virtual ones', () => {
    const grains = {
      ip4_gw: '10.1.2.1',
      ip4_interfaces: { docker0: ['10.1.2.50'], eth0: ['10.9.0.5'], eth1: ['10.1.7.9'], eth2: ['10.1.2.77', '169.254.1.1'] },
    };
    expect(pickPrimaryIp(grains)).toBe('10.1.2.77');
  });

  it('needs two shared octets, else falls back to the first usable physical address', () => {
    const grains = { ip4_gw: '192.168.1.1', ip4_interfaces: { lo: ['127.0.0.1'], veth9: ['172.17.0.2'], ens3: ['fe80::1', '10.0.0.4'], ens4: ['10.0.0.9'] } };
    expect(pickPrimaryIp(grains)).toBe('10.0.0.4');
  });

  it('falls back to fqdn_ip4, then to the given fallback', () => {
    expect(pickPrimaryIp({ ip4_interfaces: { lo: ['127.0.0.1'] }, fqdn_ip4: ['127.0.1.1', '203.0.113.7'] })).toBe('203.0.113.7');
    expect(pickPrimaryIp({ fqdn_ip4: ['127.0.0.1'] }, '198.51.100.1')).toBe('198.51.100.1');
    expect(pickPrimaryIp('not grains')).toBeNull();
  });
});
