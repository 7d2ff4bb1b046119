import { createHash } from 'node:crypto';
import { buildGrains } from './grains.js';
import type { JsonObject } from './json.js';
import { OS_PROFILES, ROLES, type OsProfile, type RoleProfile } from './os-profiles.js';
import { packagesFor, rolePackage, type Package } from './packages.js';
import { createRng, deriveSeed, type Rng } from './rng.js';

/** The master's key directories, named as `key.list_all` names them. */
export type KeyDir = 'minions' | 'minions_pre' | 'minions_rejected' | 'minions_denied';

export interface Minion {
  id: string;
  os: OsProfile;
  role: string;
  grains: JsonObject;
  pillar: JsonObject;
  packages: Package[];
  /** Which key directory holds its key; null once deleted. */
  key: KeyDir | null;
  pub: string;
  /** The minion process is up (it keeps trying to authenticate while its key is not accepted). */
  running: boolean;
  /** Authenticated to the master with an accepted key: it receives jobs and counts as present. */
  connected: boolean;
  /** `broken` minions fail a state in every highstate; `drifty` ones report changes on every run. */
  traits: { broken: boolean; drifty: boolean };
  /** SLS names already applied once (a second run reports no changes). */
  applied: Set<string>;
  nextPid: number;
  rng: Rng;
}

export interface Fleet {
  masterId: string;
  /** Fleet-wide random stream for runtime choices (e.g. `local_subset`), seeded like the rest. */
  rng: Rng;
  minions: Map<string, Minion>;
  nodegroups: Record<string, string>;
}

export interface FleetOptions {
  minions: number;
  seed: number;
  offlineMinions: number;
  pendingKeys: number;
  rejectedKeys: number;
  deniedKeys: number;
}

/** Debian 12: edge gateways run it, and key-only minions are assumed to. */
const DEBIAN = OS_PROFILES.find((p) => p.key === 'debian12') ?? firstProfile();

function firstProfile(): OsProfile {
  const first = OS_PROFILES[0];
  if (!first) throw new Error('no OS profiles');
  return first;
}

const DATACENTERS = [{ name: 'fra1', octet: 1 }, { name: 'ams2', octet: 2 }, { name: 'nyc3', octet: 3 }];

function weighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return rng.pick(items);
}

/** A PEM public key in the shape minions present; the body is random, never a usable key. */
function fakePublicKey(rng: Rng): string {
  const bytes = Buffer.from(Array.from({ length: 256 }, () => rng.int(0, 255)));
  const body = `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${bytes.toString('base64').slice(0, 340)}IDAQAB`;
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----`;
}

/** `key.finger` style: sha256 of the PEM, 32 colon-separated hex pairs. */
export function fingerprint(pem: string): string {
  const hex = createHash('sha256').update(pem).digest('hex');
  return (hex.match(/../g) ?? []).join(':');
}

function makeMinion(id: string, index: number, role: RoleProfile, seed: number, key: KeyDir): Minion {
  const rng = createRng(deriveSeed(seed, 'minion', id));
  const os = role.role === 'plc-gateway' ? DEBIAN : weighted(rng, OS_PROFILES);
  const datacenter = rng.pick(DATACENTERS);
  const env = rng.chance(0.7) ? 'prod' : 'staging';
  const saltVersion: [number, number] = rng.chance(0.8) ? [3006, 10] : rng.chance(0.6) ? [3006, 9] : [3007, 1];
  const grains = buildGrains({ id, index, os, role, datacenter, env, saltVersion, rng });
  return {
    id, os, role: role.role, grains, key,
    pillar: {
      env, datacenter: datacenter.name, role: role.role,
      ntp: { servers: [`ntp1.${datacenter.name}.fleet.example.net`, `ntp2.${datacenter.name}.fleet.example.net`] },
      service: { package: rolePackage(os, role.role) ?? null, port: 8000 + ROLES.indexOf(role) },
      users: ['deploy', 'ops'],
    },
    packages: packagesFor(os, role.role, rng),
    pub: fakePublicKey(rng),
    running: true,
    connected: key === 'minions',
    traits: { broken: false, drifty: rng.chance(0.12) },
    applied: new Set(),
    nextPid: rng.int(2000, 30000),
    rng,
  };
}

/** Builds the whole fleet from one seed: same options, same minions, grains, packages and keys. */
export function buildFleet(options: FleetOptions): Fleet {
  const rng = createRng(deriveSeed(options.seed, 'fleet'));
  const counters = new Map<string, number>();
  const minions = new Map<string, Minion>();
  const nextId = (prefix: string): string => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(2, '0')}`;
  };
  for (let i = 0; i < options.minions; i++) {
    // The first roles are fixed so even a tiny fleet has a web, db and cache minion.
    const role = (i < 3 ? ROLES[[0, 2, 3][i] ?? 0] : undefined) ?? weighted(rng, ROLES);
    const id = nextId(role.prefix);
    minions.set(id, makeMinion(id, i, role, options.seed, 'minions'));
  }
  const extras: [string, KeyDir, number][] = [
    ['new', 'minions_pre', options.pendingKeys], ['rogue', 'minions_rejected', options.rejectedKeys],
    ['clone', 'minions_denied', options.deniedKeys],
  ];
  for (const [prefix, dir, count] of extras) {
    for (let i = 0; i < count; i++) {
      const id = nextId(prefix);
      minions.set(id, makeMinion(id, options.minions + minions.size, weighted(rng, ROLES), options.seed, dir));
    }
  }
  const accepted = [...minions.values()].filter((m) => m.key === 'minions');
  const shuffled = [...accepted];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = shuffled[i];
    const b = shuffled[j];
    if (a && b) [shuffled[i], shuffled[j]] = [b, a];
  }
  // Offline and broken minions are picked past the first three, so web-01/db-01/cache-01 stay predictable.
  const candidates = shuffled.filter((m) => !['web-01', 'db-01', 'cache-01'].includes(m.id));
  for (const minion of candidates.slice(0, options.offlineMinions)) {
    minion.running = false;
    minion.connected = false;
  }
  for (const minion of candidates.slice(options.offlineMinions, options.offlineMinions + Math.max(1, Math.round(accepted.length * 0.08)))) {
    minion.traits.broken = true;
  }
  return {
    masterId: 'salt-master_master',
    rng: createRng(deriveSeed(options.seed, 'runtime')),
    minions,
    nodegroups: {
      webservers: 'G@roles:webserver or G@roles:loadbalancer',
      databases: 'G@roles:database',
      debian: 'G@os_family:Debian',
      redhat: 'G@os_family:RedHat',
      edge: 'G@roles:plc-gateway',
      'prod-web': 'N@webservers and I@env:prod',
    },
  };
}

/** A key accepted through `key.gen_accept` for a machine the simulator knows nothing else about. */
export function addKeyOnlyMinion(fleet: Fleet, id: string, pub: string): Minion {
  const minion: Minion = {
    id, os: DEBIAN, role: 'unknown', grains: {}, pillar: {}, packages: [], key: 'minions', pub,
    running: false, connected: false, traits: { broken: false, drifty: false }, applied: new Set(), nextPid: 1000,
    rng: createRng(deriveSeed(0, 'key-only', id)),
  };
  fleet.minions.set(id, minion);
  return minion;
}

/** Minions whose keys are accepted, in id order: what glob, grain and pillar targets look at. */
export function acceptedMinions(fleet: Fleet): Minion[] {
  return [...fleet.minions.values()].filter((m) => m.key === 'minions').sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Accepted minions with a live connection: `manage.present`. */
export function connectedIds(fleet: Fleet): string[] {
  return acceptedMinions(fleet).filter((m) => m.connected).map((m) => m.id);
}
