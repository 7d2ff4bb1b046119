import type { Actor } from '../../core/rbac/actor.js';
import type { SaltConnection } from '../client/types.js';
import type { SettingsService } from '../../core/settings/service.js';
import { secretBox } from '../../core/settings/secrets.js';
import {
  DEFAULT_POLLERS, DEFAULT_SALT, DEFAULT_WIDGET,
  type PollerSettings, type PollerSettingsIn, type SaltConnectionSettings, type SaltSettingsIn,
  type SaltTestIn, type SaltTestResult, type SettingsOut, type WidgetSettingsIn,
} from './schema.js';

/** What the settings need of the running Salt side: reconnect, and try a connection. */
export interface SaltLink {
  reload(): Promise<void>;
  probe(connection: SaltConnection): Promise<SaltTestResult>;
}

export type SaltSettingsService = ReturnType<typeof saltSettingsService>;

/** The Salt-API connection and the pollers' settings (salt-console.md §4 Settings). */
export function saltSettingsService(deps: { settings: SettingsService; secret: string; link: () => SaltLink }) {
  const { settings } = deps;
  const box = secretBox(deps.secret, 'salt-api-password');

  const readSalt = () => settings.read<SaltConnectionSettings>('salt', DEFAULT_SALT);
  const readPollers = () => settings.read<PollerSettings>('pollers', DEFAULT_POLLERS);
  const readWidget = () => settings.read('widget', DEFAULT_WIDGET);

  async function view(): Promise<SettingsOut> {
    const [salt, pollers, widget] = await Promise.all([readSalt(), readPollers(), readWidget()]);
    const s = salt.value;
    const stamps = [salt.updatedAt, pollers.updatedAt, widget.updatedAt].filter((v): v is string => v !== null).sort();
    return {
      salt: { url: s.url, username: s.username, password_set: s.password_sealed !== null, verify: s.verify, eauth: s.eauth },
      pollers: pollers.value,
      widget: widget.value,
      updated_at: stamps.at(-1) ?? null,
    };
  }

  /** The stored connection, decrypted; null when any part is missing. */
  async function connection(): Promise<SaltConnection | null> {
    const s = (await readSalt()).value;
    if (!s.url || !s.username || !s.password_sealed) return null;
    return { url: s.url, username: s.username, password: box.open(s.password_sealed), eauth: s.eauth, verifyTls: s.verify };
  }

  return {
    view,
    connection,
    pollers: async () => (await readPollers()).value,
    widget: async () => (await readWidget()).value,

    async status() {
      const s = (await readSalt()).value;
      const missing = [
        ...(s.url ? [] : ['salt.url']),
        ...(s.username ? [] : ['salt.username']),
        ...(s.password_sealed ? [] : ['salt.password']),
      ];
      return { configured: missing.length === 0, missing };
    },

    /** Saves the connection (password sealed), then reconnects without a restart. */
    async updateSalt(actor: Actor, input: SaltSettingsIn): Promise<SettingsOut> {
      const current = (await readSalt()).value;
      const next: SaltConnectionSettings = {
        url: input.url?.replace(/\/+$/, '') ?? current.url,
        username: input.username ?? current.username,
        password_sealed: input.password === undefined ? current.password_sealed : box.seal(input.password),
        verify: input.verify ?? current.verify,
        eauth: input.eauth ?? current.eauth,
      };
      await settings.write(actor, 'salt', next, input, { url: current.url, username: current.username, verify: current.verify, eauth: current.eauth });
      await deps.link().reload();
      return view();
    },

    async updatePollers(actor: Actor, input: PollerSettingsIn): Promise<SettingsOut> {
      const current = (await readPollers()).value;
      await settings.write(actor, 'pollers', { ...current, ...input }, input, current);
      await deps.link().reload();
      return view();
    },

    async updateWidget(actor: Actor, input: WidgetSettingsIn): Promise<SettingsOut> {
      const current = (await readWidget()).value;
      await settings.write(actor, 'widget', { ...current, ...input }, input, current);
      return view();
    },

    /** Tries a connection that is not saved; always answers, never throws for Salt's sake. */
    testSalt: (input: SaltTestIn) =>
      deps.link().probe({ url: input.url.replace(/\/+$/, ''), username: input.username, password: input.password, eauth: input.eauth, verifyTls: input.verify }),

    async testSaved(): Promise<SaltTestResult> {
      const s = (await readSalt()).value;
      if (!s.url || !s.username) return { ok: false, detail: 'No saved salt-api configuration.' };
      if (!s.password_sealed) return { ok: false, detail: 'No saved salt-api password.' };
      const saved = await connection().catch((error: unknown) => error as Error);
      if (saved instanceof Error) return { ok: false, detail: saved.message };
      return saved ? deps.link().probe(saved) : { ok: false, detail: 'No saved salt-api configuration.' };
    },
  };
}
