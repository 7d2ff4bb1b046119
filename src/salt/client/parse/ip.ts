import { isRecord, isStringArray } from './values.js';

const VIRTUAL_PREFIXES = ['docker', 'br-', 'veth', 'virbr', 'vmnet', 'vboxnet', 'vnet', 'tap', 'lo'];

/**
 * A minion's primary IPv4 from its grains: (1) with `ip4_gw` and `ip4_interfaces`, the address on
 * a physical interface sharing the most leading octets with the gateway (at least two); (2) else
 * the first usable address on a physical interface; (3) else the first usable `fqdn_ip4`;
 * (4) else `fallback`. Loopback, link-local and IPv6 addresses are never picked.
 */
export function pickPrimaryIp(grains: unknown, fallback: string | null = null): string | null {
  if (!isRecord(grains)) return fallback;
  const candidates = interfaceAddresses(grains.ip4_interfaces);
  const gateway = typeof grains.ip4_gw === 'string' ? grains.ip4_gw : null;
  if (gateway && isUsableIpv4(gateway) && candidates.length > 0) {
    const best = closestToGateway(candidates, gateway);
    if (best) return best;
  }
  if (candidates[0]) return candidates[0];
  const fqdn = isStringArray(grains.fqdn_ip4) ? grains.fqdn_ip4.find(isUsableIpv4) : undefined;
  return fqdn ?? fallback;
}

export function isVirtualInterface(name: string): boolean {
  return name === '' || VIRTUAL_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function isUsableIpv4(ip: string): boolean {
  return ip !== '' && !ip.includes(':') && !ip.startsWith('127.') && !ip.startsWith('169.254.');
}

function interfaceAddresses(interfaces: unknown): string[] {
  if (!isRecord(interfaces)) return [];
  const addresses: string[] = [];
  for (const [name, ips] of Object.entries(interfaces)) {
    if (isVirtualInterface(name) || !isStringArray(ips)) continue;
    addresses.push(...ips.filter(isUsableIpv4));
  }
  return addresses;
}

function closestToGateway(candidates: string[], gateway: string): string | null {
  const gatewayOctets = gateway.split('.');
  let best: string | null = null;
  let bestShared = 1;
  for (const ip of candidates) {
    const octets = ip.split('.');
    let shared = 0;
    while (shared < 4 && octets[shared] === gatewayOctets[shared]) shared += 1;
    if (shared > bestShared) {
      best = ip;
      bestShared = shared;
    }
  }
  return best;
}
