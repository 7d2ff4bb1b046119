import { generateKeyPairSync } from 'node:crypto';
import { asString, truthy } from './args.js';
import type { EventBus } from './events.js';
import { addKeyOnlyMinion, fingerprint, type Fleet, type KeyDir } from './fleet.js';
import { globMatch } from './glob.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import type { MinionLifecycle } from './lifecycle.js';

const DIRS: KeyDir[] = ['minions', 'minions_pre', 'minions_rejected', 'minions_denied'];
const MASTER_PUB = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimulatedmasterkeyxxxxxxxx\nIDAQAB\n-----END PUBLIC KEY-----';
const STATUS_ALIASES: Record<string, KeyDir[]> = {
  pre: ['minions_pre'], un: ['minions_pre'], unaccepted: ['minions_pre'], acc: ['minions'], accepted: ['minions'],
  rej: ['minions_rejected'], rejected: ['minions_rejected'], den: ['minions_denied'], denied: ['minions_denied'], all: DIRS,
};

/** The master's key directories and the `salt.key.Key` operations the `key` wheel module wraps. */
export class KeyStore {
  constructor(private readonly fleet: Fleet, private readonly bus: EventBus, private readonly lifecycle: MinionLifecycle) {}

  private ids(dir: KeyDir): string[] {
    return [...this.fleet.minions.values()].filter((m) => m.key === dir).map((m) => m.id).sort();
  }

  listAll(): JsonObject {
    return { minions: this.ids('minions'), minions_pre: this.ids('minions_pre'), minions_rejected: this.ids('minions_rejected'),
      minions_denied: this.ids('minions_denied'), local: ['master.pem', 'master.pub'] };
  }

  /** `key.list`: one status name (`pre`, `acc`, `all`...). */
  listStatus(match: string): JsonObject {
    const out: JsonObject = {};
    for (const dir of STATUS_ALIASES[match] ?? []) out[dir] = this.ids(dir);
    if (match === 'all') out.local = ['master.pem', 'master.pub'];
    return out;
  }

  /** `Key.name_match`: globs (a list, or comma-separated) grouped by the directory holding each key. */
  nameMatch(match: JsonValue): Record<string, string[]> {
    const patterns = Array.isArray(match) ? match.map((m) => asString(m)) : asString(match).split(',');
    const out: Record<string, string[]> = {};
    for (const dir of DIRS) {
      const hits = this.ids(dir).filter((id) => patterns.some((p) => globMatch(id, p)));
      if (hits.length > 0) out[dir] = hits;
    }
    return out;
  }

  private move(matches: Record<string, string[]>, from: KeyDir[], to: KeyDir | null, act: string): void {
    for (const dir of from) {
      for (const id of matches[dir] ?? []) {
        const minion = this.fleet.minions.get(id);
        if (!minion) continue;
        minion.key = to;
        if (to === null) minion.applied.clear();
        this.bus.fire('salt/key', { result: true, act, id });
        if (to === 'minions') this.lifecycle.keyAccepted(id);
        else this.lifecycle.keyRemoved(id, dir === 'minions');
      }
    }
  }

  /** `key.accept`: pending keys, plus rejected/denied ones when asked. Answers with the match's new groups. */
  accept(match: JsonValue, kw: JsonObject): JsonObject {
    const from: KeyDir[] = ['minions_pre'];
    if (truthy(kw.include_rejected)) from.push('minions_rejected');
    if (truthy(kw.include_denied)) from.push('minions_denied');
    this.move(this.nameMatch(match), from, 'minions', 'accept');
    return this.nameMatch(match);
  }

  /** `key.reject`: without `include_accepted` an accepted key stays, and the answer shows it unchanged. */
  reject(match: JsonValue, kw: JsonObject): JsonObject {
    const from: KeyDir[] = ['minions_pre'];
    if (truthy(kw.include_accepted)) from.push('minions');
    if (truthy(kw.include_denied)) from.push('minions_denied');
    this.move(this.nameMatch(match), from, 'minions_rejected', 'reject');
    return this.nameMatch(match);
  }

  delete(match: JsonValue): JsonObject {
    this.move(this.nameMatch(match), DIRS, null, 'delete');
    return this.nameMatch(match);
  }

  /** The `*_dict` variants take `{"minions_pre": ["a", "b"]}` instead of a glob. */
  dictAction(action: 'accept' | 'reject' | 'delete', match: JsonValue): JsonObject {
    if (!isJsonObject(match)) return {};
    const matches: Record<string, string[]> = {};
    for (const [dir, ids] of Object.entries(match)) matches[dir] = Array.isArray(ids) ? ids.map((i) => asString(i)) : [];
    const to = action === 'accept' ? 'minions' : action === 'reject' ? 'minions_rejected' : null;
    const from: KeyDir[] = action === 'delete' ? DIRS : ['minions_pre'];
    this.move(matches, from, to, action);
    const out: JsonObject = {};
    for (const dir of DIRS) {
      const ids = Object.values(matches).flat().filter((id) => this.fleet.minions.get(id)?.key === dir);
      if (ids.length > 0) out[dir] = ids;
    }
    return out;
  }

  finger(match: JsonValue): JsonObject {
    const out: JsonObject = {};
    for (const [dir, ids] of Object.entries(this.nameMatch(match))) {
      out[dir] = Object.fromEntries(ids.map((id) => [id, fingerprint(this.fleet.minions.get(id)?.pub ?? id)]));
    }
    return out;
  }

  keyStr(match: JsonValue): JsonObject {
    const out: JsonObject = {};
    for (const [dir, ids] of Object.entries(this.nameMatch(match))) {
      out[dir] = Object.fromEntries(ids.map((id) => [id, this.fleet.minions.get(id)?.pub ?? '']));
    }
    return out;
  }

  fingerMaster(): JsonObject {
    return { local: { 'master.pub': fingerprint(MASTER_PUB) } };
  }

  /** `key.gen_accept`: a real key pair, accepted straight away; refuses to overwrite without `force`. */
  genAccept(id: string, kw: JsonObject): JsonObject {
    if (this.fleet.minions.get(id)?.key && !truthy(kw.force)) return {};
    const keysize = Number(kw.keysize ?? 2048);
    const pair = generateKeyPairSync('rsa', { modulusLength: Number.isFinite(keysize) && keysize >= 1024 ? keysize : 2048 });
    const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
    const priv = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim();
    const existing = this.fleet.minions.get(id);
    if (existing) {
      existing.pub = pub;
      existing.key = 'minions';
    } else addKeyOnlyMinion(this.fleet, id, pub);
    this.bus.fire('salt/key', { result: true, act: 'accept', id });
    return { pub, priv };
  }
}
