import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/form-error';
import type { SaltSettingsView } from '../api/types';
import { useSaltConnectionForm } from '../hooks/use-salt-connection-form';
import { minionsText } from '../utils/minions';
import { SALT_CONNECTION_FIELDS, SaltConnectionFields } from './salt-connection-fields';
import { SaltTestResultView } from './salt-test-result';

type Step = { kind: 'connect' } | { kind: 'done'; url: string; minionCount: number | undefined; tested: boolean };

const STEPS = ['Connect to Salt', 'Done'];

function StepList({ current }: { current: number }) {
  return (
    <ol className="setup-steps" aria-label="Setup steps">
      {STEPS.map((label, index) => (
        <li key={label} className={index === current ? 'is-current' : index < current ? 'is-done' : undefined} aria-current={index === current ? 'step' : undefined}>
          <span className="setup-step-number" aria-hidden="true">
            {index < current ? '✓' : index + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  );
}

interface ConnectStepProps {
  saved: SaltSettingsView;
  onSaved: (step: Step) => void;
  onSkip: () => void;
}

/** Step 1: the connection form; it saves once a test succeeded, or when told to anyway. */
function ConnectStep({ saved, onSaved, onSkip }: ConnectStepProps) {
  const form = useSaltConnectionForm(saved);
  const tested = form.testResult?.ok === true;

  const handleSave = () => {
    const minionCount = tested ? form.testResult?.minion_count : undefined;
    form.save((salt) => onSaved({ kind: 'done', url: salt.url ?? '', minionCount, tested }));
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (tested) handleSave();
  };

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormError error={form.error} fields={SALT_CONNECTION_FIELDS} />
      <SaltConnectionFields values={form.values} onChange={form.setField} passwordSet={saved.password_set} error={form.error} />
      {form.testResult ? <SaltTestResultView result={form.testResult} testedSaved={form.testedSaved} /> : null}
      <div className="setup-actions">
        <button type="button" className="button" onClick={form.test} disabled={form.testing}>
          {form.testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button button-primary" disabled={!tested || form.saving}>
          {form.saving ? 'Saving…' : 'Save and continue'}
        </button>
      </div>
      <div className="setup-secondary">
        {tested ? null : (
          <p className="muted">
            Test the connection to continue, or{' '}
            <button type="button" className="link-button" onClick={handleSave} disabled={form.saving}>
              Save anyway
            </button>
            .
          </p>
        )}
        <button type="button" className="link-button setup-skip" onClick={onSkip}>
          Skip for now
        </button>
      </div>
    </form>
  );
}

/** Step 2: where Fleetdeck is now connected. */
function DoneStep({ step, onFinish }: { step: Extract<Step, { kind: 'done' }>; onFinish: () => void }) {
  return (
    <div className="setup-done" data-testid="setup-done">
      {step.tested ? (
        <p className="setup-done-message" role="status">
          Fleetdeck is connected to <strong>{step.url}</strong>
          {step.minionCount === undefined ? '.' : ` — ${minionsText(step.minionCount)}`}
        </p>
      ) : (
        <p className="setup-done-message" role="status">
          Fleetdeck will connect to <strong>{step.url}</strong>. The connection was not tested: if the Salt pages stay
          empty, check it under Admin › Settings.
        </p>
      )}
      <p className="muted">Minions, keys and jobs appear as the first polls come in.</p>
      <button type="button" className="button button-primary" onClick={onFinish}>
        Go to Overview
      </button>
    </div>
  );
}

interface SetupWizardProps {
  saved: SaltSettingsView;
  onFinish: () => void;
  onSkip: () => void;
}

/** The first-run wizard: connect Fleetdeck to salt-api, then say where it is connected. */
export function SetupWizard({ saved, onFinish, onSkip }: SetupWizardProps) {
  const [step, setStep] = useState<Step>({ kind: 'connect' });
  return (
    <div className="panel setup-card">
      <StepList current={step.kind === 'connect' ? 0 : 1} />
      {step.kind === 'connect' ? <ConnectStep saved={saved} onSaved={setStep} onSkip={onSkip} /> : <DoneStep step={step} onFinish={onFinish} />}
    </div>
  );
}
