import { useEffect, useId, useState, type FormEvent } from 'react';
import type { JobQuery, JobStatus } from '../api/types';

export const TIME_WINDOWS = [
  { hours: 0, label: 'Any time' },
  { hours: 1, label: 'Last hour' },
  { hours: 4, label: 'Last 4 hours' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 168, label: 'Last 7 days' },
];

interface JobsFiltersProps {
  value: JobQuery;
  onChange: (changes: Partial<JobQuery>) => void;
}

const SEARCH_DELAY_MS = 350;

/**
 * Search (function and target), status, user, time window and the Live switch. The search
 * applies as the user pauses typing, the other filters at once; the page keeps them in the URL.
 */
export function JobsFilters({ value, onChange }: JobsFiltersProps) {
  const searchId = useId();
  const statusId = useId();
  const userId = useId();
  const windowId = useId();
  const liveId = useId();
  const [search, setSearch] = useState(value.q ?? '');
  const [user, setUser] = useState(value.user ?? '');
  // The switch answers the click at once; the URL (and so the list) follows when the navigation settles.
  const [live, setLive] = useState(Boolean(value.live));

  // Follow the URL when it changes from outside (back button, a link).
  useEffect(() => setSearch(value.q ?? ''), [value.q]);
  useEffect(() => setUser(value.user ?? ''), [value.user]);
  useEffect(() => setLive(Boolean(value.live)), [value.live]);

  useEffect(() => {
    if (search.trim() === (value.q ?? '') && user.trim() === (value.user ?? '')) return;
    const timer = window.setTimeout(() => onChange({ q: search.trim(), user: user.trim() }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, user, value.q, value.user, onChange]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: search.trim(), user: user.trim() });
  };

  return (
    <form className="filters" onSubmit={handleSubmit} role="search" aria-label="Job filters">
      <div className="field field-grow">
        <label htmlFor={searchId}>Search jobs</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Function or target, e.g. state.highstate"
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={statusId}>Status</label>
        <select
          id={statusId}
          value={value.status ?? ''}
          onChange={(event) => onChange({ status: event.target.value as JobStatus | '' })}
        >
          <option value="">Any</option>
          <option value="running">Running</option>
          <option value="complete">Complete</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={userId}>User</label>
        <input id={userId} type="text" value={user} autoComplete="off" onChange={(event) => setUser(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={windowId}>Started</label>
        <select id={windowId} value={value.hours ?? 0} onChange={(event) => onChange({ hours: Number(event.target.value) })}>
          {TIME_WINDOWS.map((window) => (
            <option key={window.hours} value={window.hours}>
              {window.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-toggle">
        <input
          id={liveId}
          type="checkbox"
          role="switch"
          checked={live}
          onChange={(event) => {
            setLive(event.target.checked);
            onChange({ live: event.target.checked });
          }}
        />
        <label htmlFor={liveId} title="Read the jobs straight from the Salt master instead of Fleetdeck's index">
          Live
        </label>
      </div>
    </form>
  );
}
