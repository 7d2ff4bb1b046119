const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return `{${keys.length} ${keys.length === 1 ? 'key' : 'keys'}}`;
  }
  return String(value);
}

/** A return value: scalars inline, objects and lists folded behind a preview until opened. */
export function JsonValue({ value, open = false, label }: { value: unknown; open?: boolean; label?: string }) {
  if (value === undefined) return <span className="muted">—</span>;
  if (isScalar(value)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return shown.includes('\n') ? <pre className="json-block">{shown}</pre> : <code className="json-inline">{shown}</code>;
  }
  return (
    <details className="json-value" open={open}>
      <summary>{label ?? preview(value)}</summary>
      <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
