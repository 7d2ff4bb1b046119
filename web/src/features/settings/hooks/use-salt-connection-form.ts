import { useState } from 'react';
import { useTestSalt, type SaltTestTarget } from '../api/test-salt';
import type { SaltSettingsView } from '../api/types';
import { useUpdateSaltSettings } from '../api/update-salt-settings';
import {
  changedFields, localValidationError, missingFields, testInput, valuesFrom, type SaltConnectionValues,
} from '../utils/salt-connection';

/**
 * The state of a Salt-API connection form (Settings and the setup wizard): the values, trying
 * them, saving what changed, and the latest error, from the browser or the server.
 */
export function useSaltConnectionForm(saved: SaltSettingsView) {
  const [values, setValues] = useState<SaltConnectionValues>(() => valuesFrom(saved));
  const [error, setError] = useState<unknown>(null);
  const testMutation = useTestSalt();
  const saveMutation = useUpdateSaltSettings();
  const changes = changedFields(values, saved);
  const changed = Object.keys(changes).length > 0;

  const setField = <K extends keyof SaltConnectionValues>(name: K, value: SaltConnectionValues[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    // A result describes the values it tried, and a "Saved" the values it saved.
    testMutation.reset();
    saveMutation.reset();
  };

  // The saved password can only be tried with the saved rest: other values need it typed again.
  const testTarget = (): SaltTestTarget | null => {
    if (values.password) return { kind: 'form', input: testInput(values) };
    return changed ? null : { kind: 'saved' };
  };

  const handleTest = () => {
    testMutation.reset();
    const missing = missingFields(values, saved);
    const target = testTarget();
    if (missing.length > 0 || !target) {
      const problems = missing.length > 0 ? missing : [{ field: 'password', message: 'Type the password to try the changed settings.' }];
      setError(localValidationError(problems));
      return;
    }
    setError(null);
    testMutation.mutate(target, { onError: setError });
  };

  /** Saves what changed (nothing to send: straight to `onSaved`), then shows the saved values. */
  const handleSave = (onSaved?: (salt: SaltSettingsView) => void) => {
    const missing = missingFields(values, saved);
    if (missing.length > 0) {
      setError(localValidationError(missing));
      return;
    }
    setError(null);
    if (!changed) {
      onSaved?.(saved);
      return;
    }
    saveMutation.mutate(changes, {
      onSuccess: (settings) => {
        setValues(valuesFrom(settings.salt));
        onSaved?.(settings.salt);
      },
      onError: setError,
    });
  };

  return {
    values,
    setField,
    changed,
    error,
    test: handleTest,
    testing: testMutation.isPending,
    testResult: testMutation.data,
    testedSaved: testMutation.variables?.kind === 'saved',
    save: handleSave,
    saving: saveMutation.isPending,
    justSaved: saveMutation.isSuccess,
  };
}
