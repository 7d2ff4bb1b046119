import { useId, useState, type FormEvent } from 'react';
import { TextField } from '../../../components/form-field';
import type { AuditDecision } from '../api/types';

/** The filters as the form holds them; dates are `datetime-local` values (local time). */
export interface AuditFilterValues {
  action: string;
  decision: AuditDecision | '';
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = { action: '', decision: '', since: '', until: '' };

interface AuditFiltersProps {
  value: AuditFilterValues;
  onApply: (value: AuditFilterValues) => void;
}

/** Action, decision and time window; applied on submit so typing does not fire a query per key. */
export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const decisionId = useId();
  const [draft, setDraft] = useState(value);

  const update = (changes: Partial<AuditFilterValues>) => setDraft((current) => ({ ...current, ...changes }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };

  const handleReset = () => {
    setDraft(EMPTY_AUDIT_FILTERS);
    onApply(EMPTY_AUDIT_FILTERS);
  };

  return (
    <form className="filters" onSubmit={handleSubmit} aria-label="Audit filters">
      <TextField label="Action" value={draft.action} onChange={(action) => update({ action })} placeholder="e.g. users.create" autoComplete="off" />
      <div className="field">
        <label htmlFor={decisionId}>Decision</label>
        <select
          id={decisionId}
          value={draft.decision}
          onChange={(event) => update({ decision: event.target.value as AuditDecision | '' })}
        >
          <option value="">Any</option>
          <option value="allow">allow</option>
          <option value="deny">deny</option>
        </select>
      </div>
      <TextField label="Since" type="datetime-local" value={draft.since} onChange={(since) => update({ since })} />
      <TextField label="Until" type="datetime-local" value={draft.until} onChange={(until) => update({ until })} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button type="button" className="button" onClick={handleReset}>
          Reset
        </button>
      </div>
    </form>
  );
}
