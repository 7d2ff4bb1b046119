import { useId, type FormEvent } from 'react';
import { FormError } from '../../../components/form-error';
import type { SaltSettingsView } from '../api/types';
import { useSaltConnectionForm } from '../hooks/use-salt-connection-form';
import { SALT_CONNECTION_FIELDS, SaltConnectionFields } from './salt-connection-fields';
import { SaltTestResultView } from './salt-test-result';

/** The Settings card for the Salt-API connection: try it, save what changed. */
export function SaltConnectionCard({ saved }: { saved: SaltSettingsView }) {
  const titleId = useId();
  const form = useSaltConnectionForm(saved);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.save();
  };

  return (
    <section className="panel settings-card" aria-labelledby={titleId}>
      <header className="settings-card-header">
        <h2 id={titleId}>Salt-API connection</h2>
        <p className="muted">How Fleetdeck reaches salt-api. Saving reconnects at once; the password is stored encrypted.</p>
      </header>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={form.error} fields={SALT_CONNECTION_FIELDS} />
        <SaltConnectionFields values={form.values} onChange={form.setField} passwordSet={saved.password_set} error={form.error} />
        {form.testResult ? <SaltTestResultView result={form.testResult} testedSaved={form.testedSaved} /> : null}
        <div className="settings-card-actions">
          <button type="button" className="button" onClick={form.test} disabled={form.testing}>
            {form.testing ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button button-primary" disabled={!form.changed || form.saving}>
            {form.saving ? 'Saving…' : 'Save connection'}
          </button>
          {form.justSaved && !form.changed ? (
            <span className="settings-saved" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
