import { useEffect, useId, useState } from 'react';
import { CheckboxField } from '../../../components/form-field';
import { ACTIVITY_CATEGORIES } from '../api/types';

export interface ActivityFilterValues {
  category: string;
  search: string;
  hideRoutine: boolean;
  hideDispatch: boolean;
}

export const EMPTY_ACTIVITY_FILTERS: ActivityFilterValues = { category: '', search: '', hideRoutine: false, hideDispatch: false };

const SEARCH_DELAY_MS = 350;

/** Category, a text search, and the two noise filters (routine returns, dispatch events). */
export function ActivityFilters({ value, onChange }: { value: ActivityFilterValues; onChange: (changes: Partial<ActivityFilterValues>) => void }) {
  const categoryId = useId();
  const searchId = useId();
  const [search, setSearch] = useState(value.search);

  useEffect(() => setSearch(value.search), [value.search]);
  useEffect(() => {
    if (search.trim() === value.search) return;
    const timer = window.setTimeout(() => onChange({ search: search.trim() }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, value.search, onChange]);

  return (
    <form className="filters" role="search" aria-label="Activity filters" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={categoryId}>Category</label>
        <select id={categoryId} value={value.category} onChange={(event) => onChange({ category: event.target.value })}>
          <option value="">All</option>
          {ACTIVITY_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={searchId}>Search activity</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Summary, minion, function, user or target"
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="filters-checks">
        <CheckboxField label="Hide routine" checked={value.hideRoutine} onChange={(hideRoutine) => onChange({ hideRoutine })} />
        <CheckboxField label="Hide dispatch" checked={value.hideDispatch} onChange={(hideDispatch) => onChange({ hideDispatch })} />
      </div>
    </form>
  );
}
