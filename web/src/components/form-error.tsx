import { ApiError, errorMessage } from '../lib/api-client';

interface FormErrorProps {
  error: unknown;
  /** Fields the form shows next to their inputs; an error on one of them is not repeated here. */
  fields?: string[];
}

// `permissions.0` belongs to the `permissions` input.
const isShown = (field: string, fields: string[]) =>
  fields.some((name) => field === name || field.startsWith(`${name}.`));

/** The form-level error: anything the server did not pin on a visible field. */
export function FormError({ error, fields = [] }: FormErrorProps) {
  if (!error) return null;
  if (error instanceof ApiError && error.field && isShown(error.field, fields)) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

/** The server's message for `field`, when the error names it. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.messageFor(field) ?? (error.field === field ? error.message : undefined);
}
