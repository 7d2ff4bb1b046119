import { ApiError, type FieldProblem } from '../../../lib/api-client';
import type { Eauth, SaltSettingsIn, SaltSettingsView, SaltTestIn } from '../api/types';

/** What the connection form holds; an empty password means "keep the saved one". */
export interface SaltConnectionValues {
  url: string;
  username: string;
  password: string;
  verify: boolean;
  eauth: Eauth;
}

/** The form's starting point: the saved connection, password left empty. */
export function valuesFrom(saved: SaltSettingsView): SaltConnectionValues {
  return { url: saved.url ?? '', username: saved.username ?? '', password: '', verify: saved.verify, eauth: saved.eauth };
}

/** The fields that differ from the saved connection, ready for `PUT /salt`. */
export function changedFields(values: SaltConnectionValues, saved: SaltSettingsView): SaltSettingsIn {
  const url = values.url.trim();
  const username = values.username.trim();
  return {
    ...(url !== (saved.url ?? '') ? { url } : {}),
    ...(username !== (saved.username ?? '') ? { username } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values.verify !== saved.verify ? { verify: values.verify } : {}),
    ...(values.eauth !== saved.eauth ? { eauth: values.eauth } : {}),
  };
}

/** The form's values as `POST /test-salt` wants them. */
export function testInput(values: SaltConnectionValues): SaltTestIn {
  return { url: values.url.trim(), username: values.username.trim(), password: values.password, verify: values.verify, eauth: values.eauth };
}

/**
 * What must be filled in before the connection can be tried or saved: a URL, a username, and a
 * password unless one is saved. Empty when nothing is missing.
 */
export function missingFields(values: SaltConnectionValues, saved: SaltSettingsView): FieldProblem[] {
  return [
    ...(values.url.trim() ? [] : [{ field: 'url', message: 'Enter the Salt-API URL.' }]),
    ...(values.username.trim() ? [] : [{ field: 'username', message: 'Enter the Salt-API username.' }]),
    ...(values.password || saved.password_set ? [] : [{ field: 'password', message: 'Enter the Salt-API password.' }]),
  ];
}

/** Problems found in the browser, as the same error type the server's become. */
export function localValidationError(problems: FieldProblem[]): ApiError {
  const first = problems[0];
  return new ApiError(0, 'validation_error', first?.message ?? 'Check the form.', first?.field ?? null, problems);
}
