import { useId, useState, type FormEvent } from 'react';
import { FormError, fieldError } from '../../../components/form-error';
import { ApiError } from '../../../lib/api-client';
import { CheckboxField, TextAreaField, TextField } from '../../../components/form-field';
import { TARGET_TYPES, type RunCommandIn, type TargetType } from '../api/types';

export interface RunFormValues {
  target: string;
  targetType: TargetType;
  fun: string;
  /** One argument per line. */
  args: string;
  /** A JSON object. */
  kwargs: string;
  async: boolean;
  batch: string;
}

export const EMPTY_RUN_FORM: RunFormValues = {
  target: '',
  targetType: 'glob',
  fun: '',
  args: '',
  kwargs: '',
  async: true,
  batch: '',
};

const FUN_PATTERN = /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/;
const BATCH_PATTERN = /^[1-9][0-9]{0,5}%?$/;
export const RUN_FIELDS = ['target', 'target_type', 'fun', 'args', 'kwargs', 'batch', 'async'];

type Problems = Partial<Record<'target' | 'fun' | 'kwargs' | 'batch', string>>;

/**
 * The server's message for a field. Besides a named field, the run service words some 422s as
 * `"<field> <message>"` (`fun must be of the form module.function`): those go on the field too.
 */
function serverFieldError(error: unknown, field: string): string | undefined {
  const named = fieldError(error, field);
  if (named || !(error instanceof ApiError) || error.field || error.status !== 422) return named;
  return error.message.startsWith(`${field} `) ? error.message.slice(field.length + 1) : undefined;
}

/** The field a server error was pinned on, if any of the form's. */
const pinnedField = (error: unknown) => RUN_FIELDS.find((field) => serverFieldError(error, field) !== undefined);

/** Checks the form before sending; the server checks again and may name a field itself. */
function validate(values: RunFormValues): { problems: Problems; input: RunCommandIn | null } {
  const problems: Problems = {};
  if (!values.target.trim()) problems.target = 'Enter a target, e.g. * or web-*.';
  if (!FUN_PATTERN.test(values.fun.trim())) problems.fun = 'Use module.function, e.g. test.ping.';
  let kwargs: Record<string, unknown> = {};
  if (values.kwargs.trim()) {
    try {
      const parsed: unknown = JSON.parse(values.kwargs);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.kwargs = 'Must be a JSON object, e.g. {"test": true}.';
      else kwargs = parsed as Record<string, unknown>;
    } catch (error) {
      problems.kwargs = `Not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`;
    }
  }
  const batch = values.batch.trim();
  if (batch && !BATCH_PATTERN.test(batch)) problems.batch = 'A number of minions (10) or a share (25%).';
  if (Object.keys(problems).length > 0) return { problems, input: null };
  const args = values.args.split('\n').map((line) => line.trim()).filter(Boolean);
  return {
    problems,
    input: {
      target: values.target.trim(),
      target_type: values.targetType,
      fun: values.fun.trim(),
      args,
      kwargs,
      async: values.async,
      ...(batch ? { batch } : {}),
    },
  };
}

interface RunFormProps {
  initial: RunFormValues;
  functions: string[];
  busy: boolean;
  error: unknown;
  onSubmit: (input: RunCommandIn) => void;
}

/** Target, function and arguments of a Salt command; field errors from the form or the server. */
export function RunForm({ initial, functions, busy, error, onSubmit }: RunFormProps) {
  const typeId = useId();
  const funId = useId();
  const listId = useId();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});

  const update = (changes: Partial<RunFormValues>) => setValues((current) => ({ ...current, ...changes }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(values);
    setProblems(checked.problems);
    if (checked.input) onSubmit(checked.input);
  };

  const funError = problems.fun ?? serverFieldError(error, 'fun');
  return (
    <form className="form panel run-form" onSubmit={handleSubmit} noValidate aria-label="Run a command">
      <FormError error={pinnedField(error) ? null : error} fields={RUN_FIELDS} />
      <div className="form-row">
        <TextField
          label="Target"
          value={values.target}
          onChange={(target) => update({ target })}
          error={problems.target ?? serverFieldError(error, 'target')}
          placeholder="*"
          autoComplete="off"
          required
        />
        <div className={`field${serverFieldError(error, 'target_type') ? ' field-invalid' : ''}`}>
          <label htmlFor={typeId}>Target type</label>
          <select id={typeId} value={values.targetType} onChange={(event) => update({ targetType: event.target.value as TargetType })}>
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
          {serverFieldError(error, 'target_type') ? <p className="field-error">{serverFieldError(error, 'target_type')}</p> : null}
        </div>
      </div>
      <div className={`field${funError ? ' field-invalid' : ''}`}>
        <label htmlFor={funId}>Function</label>
        <input
          id={funId}
          type="text"
          value={values.fun}
          list={functions.length > 0 ? listId : undefined}
          placeholder="test.ping"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={Boolean(funError)}
          onChange={(event) => update({ fun: event.target.value })}
        />
        {functions.length > 0 ? (
          <datalist id={listId}>
            {functions.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        ) : null}
        {funError ? <p className="field-error">{funError}</p> : <p className="field-hint">module.function</p>}
      </div>
      <div className="form-row">
        <TextAreaField
          label="Arguments"
          value={values.args}
          onChange={(args) => update({ args })}
          error={serverFieldError(error, 'args')}
          hint="One per line, passed as strings."
          rows={4}
          spellCheck={false}
        />
        <TextAreaField
          label="Keyword arguments"
          value={values.kwargs}
          onChange={(kwargs) => update({ kwargs })}
          error={problems.kwargs ?? serverFieldError(error, 'kwargs')}
          hint='A JSON object, e.g. {"test": true}.'
          rows={4}
          spellCheck={false}
        />
      </div>
      <div className="form-row run-options">
        <CheckboxField
          label="Run asynchronously"
          checked={values.async}
          onChange={(async) => update({ async })}
          hint="Return the job id at once; follow the returns on the job page."
        />
        <TextField
          label="Batch size"
          value={values.batch}
          onChange={(batch) => update({ batch })}
          error={problems.batch ?? serverFieldError(error, 'batch')}
          placeholder="All at once"
          hint="Minions at a time (10) or a share (25%)."
          autoComplete="off"
        />
      </div>
      <div className="settings-card-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Running…' : 'Run'}
        </button>
      </div>
    </form>
  );
}
