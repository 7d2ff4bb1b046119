import type { PollerSettings } from '../api/types';
import { useUpdatePollerSettings } from '../api/update-poller-settings';
import { SettingsFieldsCard, type SettingGroup } from './settings-fields-card';

const OFF = '0 turns it off.';

const GROUPS: SettingGroup<PollerSettings>[] = [
  {
    title: 'Salt polling',
    fields: [
      { name: 'jobs_poll_interval_seconds', kind: 'number', label: 'Jobs index refresh', unit: 'seconds', min: 0, max: 86_400, hint: `Reconciles the job list with the master. ${OFF}` },
      { name: 'fleet_poll_interval_seconds', kind: 'number', label: 'Fleet health poll', unit: 'seconds', min: 0, max: 86_400, hint: `Highstate compliance for the Overview. ${OFF}` },
      { name: 'minion_state_keys_interval_seconds', kind: 'number', label: 'Minion keys refresh', unit: 'seconds', min: 0, max: 86_400, hint: OFF },
      { name: 'minion_state_presence_interval_seconds', kind: 'number', label: 'Minion presence check', unit: 'seconds', min: 0, max: 86_400, hint: OFF },
      { name: 'minion_state_grains_interval_seconds', kind: 'number', label: 'Minion grains refresh', unit: 'seconds', min: 0, max: 86_400, hint: OFF },
      { name: 'minion_state_initial_delay_seconds', kind: 'number', label: 'Minion polls start after', unit: 'seconds', min: 0, max: 3600, hint: 'Delay after Fleetdeck starts.' },
    ],
  },
  {
    title: 'Package inventory',
    fields: [
      { name: 'inventory_refresh_minutes', kind: 'number', label: 'Package inventory refresh', unit: 'minutes', min: 0, max: 1440, hint: OFF },
      { name: 'inventory_refresh_initial_delay_s', kind: 'number', label: 'Inventory starts after', unit: 'seconds', min: 0, max: 3600, hint: 'Delay after Fleetdeck starts.' },
    ],
  },
  {
    title: 'Event stream',
    fields: [
      { name: 'event_stream_enabled', kind: 'boolean', label: "Follow Salt's event stream", hint: 'Feeds Activity and keeps jobs current between polls.' },
      { name: 'event_stream_retention_days', kind: 'number', label: 'Keep activity events for', unit: 'days', min: 1, max: 365 },
    ],
  },
];

/** The Settings card for the pollers and the event stream; they restart when saved. */
export function PollerSettingsCard({ saved }: { saved: PollerSettings }) {
  const updateMutation = useUpdatePollerSettings();
  return (
    <SettingsFieldsCard
      title="Background work"
      description="How often Fleetdeck asks Salt for fresh data. Saved changes restart the pollers."
      groups={GROUPS}
      saved={saved}
      saving={updateMutation.isPending}
      error={updateMutation.error}
      onSave={(changes, onSaved) => updateMutation.mutate(changes, { onSuccess: (settings) => onSaved(settings.pollers) })}
    />
  );
}
