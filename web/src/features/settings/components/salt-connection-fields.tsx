import { fieldError } from '../../../components/form-error';
import { CheckboxField, Field, TextField } from '../../../components/form-field';
import { EAUTH_BACKENDS, type Eauth } from '../api/types';
import type { SaltConnectionValues } from '../utils/salt-connection';

/** The names the server uses for these inputs, so a form-level error skips them. */
export const SALT_CONNECTION_FIELDS = ['url', 'username', 'password', 'verify', 'eauth'];

const EAUTH_LABELS: Record<Eauth, string> = {
  pam: 'pam (system accounts)',
  sharedsecret: 'sharedsecret',
  ldap: 'ldap',
  file: 'file',
  auto: 'auto',
};

const isEauth = (value: string): value is Eauth => (EAUTH_BACKENDS as readonly string[]).includes(value);

interface SaltConnectionFieldsProps {
  values: SaltConnectionValues;
  onChange: <K extends keyof SaltConnectionValues>(name: K, value: SaltConnectionValues[K]) => void;
  /** A password is stored: an empty input keeps it. */
  passwordSet: boolean;
  error: unknown;
}

/** URL, username, password, TLS check and eauth backend of a Salt-API connection. */
export function SaltConnectionFields({ values, onChange, passwordSet, error }: SaltConnectionFieldsProps) {
  return (
    <>
      <TextField
        label="Salt-API URL"
        type="url"
        value={values.url}
        onChange={(value) => onChange('url', value)}
        placeholder="https://salt-master.example.com:8000"
        autoComplete="off"
        spellCheck={false}
        hint="The rest_cherrypy address of salt-api, with http:// or https://."
        error={fieldError(error, 'url')}
        required
      />
      <div className="form-row">
        <TextField
          label="Username"
          value={values.username}
          onChange={(value) => onChange('username', value)}
          autoComplete="off"
          spellCheck={false}
          error={fieldError(error, 'username')}
          required
        />
        <TextField
          label="Password"
          type="password"
          value={values.password}
          onChange={(value) => onChange('password', value)}
          placeholder={passwordSet ? '•••••••• (saved)' : undefined}
          autoComplete="new-password"
          hint={passwordSet ? 'Password saved; leave empty to keep it.' : 'Stored encrypted; never shown again.'}
          error={fieldError(error, 'password')}
          required={!passwordSet}
        />
      </div>
      <Field label="Authentication (eauth)" error={fieldError(error, 'eauth')} hint="The external_auth backend salt-api checks the user against.">
        {(control) => (
          <select
            {...control}
            value={values.eauth}
            onChange={(event) => {
              if (isEauth(event.target.value)) onChange('eauth', event.target.value);
            }}
          >
            {EAUTH_BACKENDS.map((backend) => (
              <option key={backend} value={backend}>
                {EAUTH_LABELS[backend]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckboxField
        label="Verify TLS certificate"
        checked={values.verify}
        onChange={(checked) => onChange('verify', checked)}
        hint="Turn off only for a self-signed certificate on a trusted network."
      />
    </>
  );
}
