import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable } from '../../core/http/schemas.js';

export const Eauth = Type.Union([
  Type.Literal('pam'), Type.Literal('sharedsecret'), Type.Literal('ldap'), Type.Literal('file'), Type.Literal('auto'),
]);
export type Eauth = Static<typeof Eauth>;

const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 512 });

/** Stored form of the Salt-API connection; the password is sealed (never returned). */
export interface SaltConnectionSettings {
  url: string | null;
  username: string | null;
  password_sealed: string | null;
  verify: boolean;
  eauth: Eauth;
}

export const SaltSettingsView = Type.Object({
  url: Nullable(Type.String()),
  username: Nullable(Type.String()),
  password_set: Type.Boolean(),
  verify: Type.Boolean(),
  eauth: Eauth,
});

export const SaltSettingsIn = Type.Object(
  {
    url: Type.Optional(HttpUrl),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    verify: Type.Optional(Type.Boolean()),
    eauth: Type.Optional(Eauth),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SaltSettingsIn = Static<typeof SaltSettingsIn>;

const seconds = (max: number) => Type.Integer({ minimum: 0, maximum: max });

export const PollerSettings = Type.Object({
  inventory_refresh_minutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  inventory_refresh_initial_delay_s: seconds(3600),
  fleet_poll_interval_seconds: seconds(86_400),
  jobs_poll_interval_seconds: seconds(86_400),
  minion_state_keys_interval_seconds: seconds(86_400),
  minion_state_presence_interval_seconds: seconds(86_400),
  minion_state_grains_interval_seconds: seconds(86_400),
  minion_state_initial_delay_seconds: seconds(3600),
  event_stream_enabled: Type.Boolean(),
  event_stream_retention_days: Type.Integer({ minimum: 1, maximum: 365 }),
});
export type PollerSettings = Static<typeof PollerSettings>;
export const PollerSettingsIn = Type.Partial(PollerSettings, { additionalProperties: false, minProperties: 1 });
export type PollerSettingsIn = Static<typeof PollerSettingsIn>;

export const WidgetSettings = Type.Object({
  widget_hide_dispatch: Type.Boolean(),
  widget_hide_routine: Type.Boolean(),
  widget_show_jobs: Type.Boolean(),
  widget_show_keys: Type.Boolean(),
  widget_show_minions: Type.Boolean(),
  widget_event_count: Type.Integer({ minimum: 1, maximum: 50 }),
  widget_heartbeat_minutes: Type.Integer({ minimum: 5, maximum: 1440 }),
});
export type WidgetSettings = Static<typeof WidgetSettings>;
export const WidgetSettingsIn = Type.Partial(WidgetSettings, { additionalProperties: false, minProperties: 1 });
export type WidgetSettingsIn = Static<typeof WidgetSettingsIn>;

export const SettingsOut = Type.Object({
  salt: SaltSettingsView,
  pollers: PollerSettings,
  widget: WidgetSettings,
  updated_at: Nullable(IsoDateTime),
});
export type SettingsOut = Static<typeof SettingsOut>;

export const SettingsStatus = Type.Object({
  configured: Type.Boolean(),
  missing: Type.Array(Type.String()),
});

export const SaltTestIn = Type.Object(
  {
    url: HttpUrl,
    username: Type.String({ minLength: 1, maxLength: 255 }),
    password: Type.String({ maxLength: 1024 }),
    verify: Type.Boolean(),
    eauth: Eauth,
  },
  { additionalProperties: false },
);
export type SaltTestIn = Static<typeof SaltTestIn>;

export const SaltTestResult = Type.Object({
  ok: Type.Boolean(),
  detail: Type.String(),
  minion_count: Type.Optional(Type.Integer()),
});
export type SaltTestResult = Static<typeof SaltTestResult>;

export const DEFAULT_SALT: SaltConnectionSettings = { url: null, username: null, password_sealed: null, verify: true, eauth: 'pam' };

/**
 * Poller defaults. Unlike the reference (everything off), a fresh install keeps the jobs index
 * and activity current: the event stream on, jobs reconciled every minute.
 */
export const DEFAULT_POLLERS: PollerSettings = {
  inventory_refresh_minutes: 0,
  inventory_refresh_initial_delay_s: 30,
  fleet_poll_interval_seconds: 120,
  jobs_poll_interval_seconds: 60,
  minion_state_keys_interval_seconds: 300,
  minion_state_presence_interval_seconds: 60,
  minion_state_grains_interval_seconds: 300,
  minion_state_initial_delay_seconds: 10,
  event_stream_enabled: true,
  event_stream_retention_days: 30,
};

export const DEFAULT_WIDGET: WidgetSettings = {
  widget_hide_dispatch: true,
  widget_hide_routine: false,
  widget_show_jobs: true,
  widget_show_keys: true,
  widget_show_minions: true,
  widget_event_count: 6,
  widget_heartbeat_minutes: 60,
};
