import type { WidgetSettings } from '../api/types';
import { useUpdateWidgetSettings } from '../api/update-widget-settings';
import { SettingsFieldsCard, type SettingGroup } from './settings-fields-card';

const GROUPS: SettingGroup<WidgetSettings>[] = [
  {
    title: 'Events shown',
    fields: [
      { name: 'widget_show_jobs', kind: 'boolean', label: 'Job events' },
      { name: 'widget_show_keys', kind: 'boolean', label: 'Key events' },
      { name: 'widget_show_minions', kind: 'boolean', label: 'Minion events' },
      { name: 'widget_hide_dispatch', kind: 'boolean', label: 'Hide job dispatches', hint: 'Leaves out job.new, keeping the results.' },
      { name: 'widget_hide_routine', kind: 'boolean', label: 'Hide routine returns', hint: 'Leaves out successful returns that changed nothing.' },
    ],
  },
  {
    title: 'Size',
    fields: [
      { name: 'widget_event_count', kind: 'number', label: 'Events listed', unit: 'events', min: 1, max: 50 },
      { name: 'widget_heartbeat_minutes', kind: 'number', label: 'Heartbeat window', unit: 'minutes', min: 5, max: 1440, hint: 'The event count over this window shows the stream is alive.' },
    ],
  },
];

/** The Settings card for the Overview's "Recent activity" widget, the same for everyone. */
export function WidgetSettingsCard({ saved }: { saved: WidgetSettings }) {
  const updateMutation = useUpdateWidgetSettings();
  return (
    <SettingsFieldsCard
      title="Overview widget"
      description="What the Recent activity card on the Overview shows, for every user."
      groups={GROUPS}
      saved={saved}
      saving={updateMutation.isPending}
      error={updateMutation.error}
      onSave={(changes, onSaved) => updateMutation.mutate(changes, { onSuccess: (settings) => onSaved(settings.widget) })}
    />
  );
}
