import { useId, useState, type FormEvent } from 'react';
import { FormError, fieldError } from '../../../components/form-error';
import { CheckboxField, Field } from '../../../components/form-field';
import { ApiError, type FieldProblem } from '../../../lib/api-client';

type Scalar = number | boolean;
type Draft = Record<string, string | boolean>;

/** One setting of a card: a whole number with its unit and range, or a switch. */
export type SettingField<T> =
  | { name: keyof T & string; kind: 'number'; label: string; unit: string; min: number; max: number; hint?: string }
  | { name: keyof T & string; kind: 'boolean'; label: string; hint?: string };

export interface SettingGroup<T> {
  title?: string;
  fields: SettingField<T>[];
}

// Numbers are edited as text, so a half-typed value stays as typed.
function draftOf<T extends Record<string, Scalar>>(saved: T): Draft {
  return Object.fromEntries(Object.entries(saved).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]));
}

/** The changed fields, or the problems that keep the draft from being sent. */
function readDraft<T extends Record<string, Scalar>>(groups: SettingGroup<T>[], draft: Draft, saved: T) {
  const changes: Partial<Record<string, Scalar>> = {};
  const problems: FieldProblem[] = [];
  for (const field of groups.flatMap((group) => group.fields)) {
    const value = draft[field.name];
    if (field.kind === 'boolean') {
      if (value !== saved[field.name]) changes[field.name] = value === true;
      continue;
    }
    const text = String(value ?? '').trim();
    const number = Number(text);
    if (!text || !Number.isInteger(number)) problems.push({ field: field.name, message: 'Enter a whole number.' });
    else if (number < field.min || number > field.max) problems.push({ field: field.name, message: `Between ${field.min} and ${field.max}.` });
    else if (number !== saved[field.name]) changes[field.name] = number;
  }
  return { changes: changes as Partial<T>, problems };
}

interface SettingsFieldsCardProps<T extends Record<string, Scalar>> {
  title: string;
  description: string;
  groups: SettingGroup<T>[];
  saved: T;
  saving: boolean;
  /** The server's answer to the last save. */
  error: unknown;
  /** Sends the changed fields; calls `onSaved` with what the server then holds. */
  onSave: (changes: Partial<T>, onSaved: (next: T) => void) => void;
}

/** A Settings card of numbers and switches that saves only what changed. */
export function SettingsFieldsCard<T extends Record<string, Scalar>>(props: SettingsFieldsCardProps<T>) {
  const { title, description, groups, saved, saving, error, onSave } = props;
  const titleId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const { changes, problems } = readDraft(groups, draft, saved);
  const dirty = Object.keys(changes).length > 0 || problems.length > 0;
  const shownError = localError ?? error;
  const names = groups.flatMap((group) => group.fields.map((field) => field.name));

  const handleChange = (name: string, value: string | boolean) => {
    setDraft((current) => ({ ...current, [name]: value }));
    setJustSaved(false);
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const first = problems[0];
    if (first) {
      setLocalError(new ApiError(0, 'validation_error', first.message, first.field, problems));
      return;
    }
    setLocalError(null);
    onSave(changes, (next) => {
      setDraft(draftOf(next));
      setJustSaved(true);
    });
  };

  return (
    <section className="panel settings-card" aria-labelledby={titleId}>
      <header className="settings-card-header">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{description}</p>
      </header>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={shownError} fields={names} />
        {groups.map((group, index) => (
          <div key={group.title ?? index} className="settings-group">
            {group.title ? <h3>{group.title}</h3> : null}
            <div className="settings-grid">
              {group.fields.map((field) =>
                field.kind === 'boolean' ? (
                  <CheckboxField
                    key={field.name}
                    label={field.label}
                    hint={field.hint}
                    checked={draft[field.name] === true}
                    onChange={(checked) => handleChange(field.name, checked)}
                  />
                ) : (
                  <Field key={field.name} label={field.label} hint={field.hint} error={fieldError(shownError, field.name)}>
                    {(control) => (
                      <div className="input-unit">
                        <input
                          {...control}
                          type="number"
                          inputMode="numeric"
                          min={field.min}
                          max={field.max}
                          step={1}
                          value={String(draft[field.name] ?? '')}
                          onChange={(event) => handleChange(field.name, event.target.value)}
                        />
                        <span className="input-unit-label">{field.unit}</span>
                      </div>
                    )}
                  </Field>
                ),
              )}
            </div>
          </div>
        ))}
        <div className="settings-card-actions">
          <button type="submit" className="button button-primary" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          {justSaved && !dirty ? (
            <span className="settings-saved" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
