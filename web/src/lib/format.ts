const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A server timestamp as local `YYYY-MM-DD HH:mm` (with `:ss` when asked): compact and
 * unambiguous in tables read by operators across locales. An em dash for none.
 */
export function formatDateTime(value: string | null | undefined, options: { seconds?: boolean } = {}): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${options.seconds ? `:${pad(date.getSeconds())}` : ''}`;
  return `${day} ${time}`;
}

/** `<input type="datetime-local">` value → ISO 8601 in UTC, or undefined when empty. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
