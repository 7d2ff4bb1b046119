// Payload shapes of `/api/admin/settings` (src/salt/settings/schema.ts). Declared here until the
// web app switches to `import type` from the server schema.

export const EAUTH_BACKENDS = ['pam', 'sharedsecret', 'ldap', 'file', 'auto'] as const;
export type Eauth = (typeof EAUTH_BACKENDS)[number];

/** The stored Salt-API connection; the password itself is never sent back. */
export interface SaltSettingsView {
  url: string | null;
  username: string | null;
  password_set: boolean;
  verify: boolean;
  eauth: Eauth;
}

/** `PUT /salt`: only the fields that change; an absent password keeps the saved one. */
export interface SaltSettingsIn {
  url?: string;
  username?: string;
  password?: string;
  verify?: boolean;
  eauth?: Eauth;
}

// Type aliases, not interfaces: the settings forms treat them as `Record<string, number | boolean>`.
export type PollerSettings = {
  jobs_poll_interval_seconds: number;
  fleet_poll_interval_seconds: number;
  minion_state_keys_interval_seconds: number;
  minion_state_presence_interval_seconds: number;
  minion_state_grains_interval_seconds: number;
  minion_state_initial_delay_seconds: number;
  inventory_refresh_minutes: number;
  inventory_refresh_initial_delay_s: number;
  event_stream_enabled: boolean;
  event_stream_retention_days: number;
};

export type WidgetSettings = {
  widget_hide_dispatch: boolean;
  widget_hide_routine: boolean;
  widget_show_jobs: boolean;
  widget_show_keys: boolean;
  widget_show_minions: boolean;
  widget_event_count: number;
  widget_heartbeat_minutes: number;
};

export interface SettingsOut {
  salt: SaltSettingsView;
  pollers: PollerSettings;
  widget: WidgetSettings;
  updated_at: string | null;
}

/** `GET /status`: what the Salt connection still lacks (`salt.url`, `salt.username`, `salt.password`). */
export interface SettingsStatus {
  configured: boolean;
  missing: string[];
}

/** `POST /test-salt`: a connection to try without saving it. */
export interface SaltTestIn {
  url: string;
  username: string;
  password: string;
  verify: boolean;
  eauth: Eauth;
}

/** Always 200: `ok` false with the reason, or true with the count of connected minions. */
export interface SaltTestResult {
  ok: boolean;
  detail: string;
  minion_count?: number;
}
