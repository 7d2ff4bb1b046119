import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { testSaltSaved } from './test-salt-saved';
import type { SaltTestIn, SaltTestResult } from './types';

/** `POST /api/admin/settings/test-salt`: tries a connection without saving it; 200 either way. */
export const testSalt = (input: SaltTestIn) => api.post<SaltTestResult>('/api/admin/settings/test-salt', input);

/** What to try: the values in the form, or the saved connection (whose password the form lacks). */
export type SaltTestTarget = { kind: 'form'; input: SaltTestIn } | { kind: 'saved' };

/** Tries a connection; nothing is cached, as the answer describes one moment. */
export const useTestSalt = () =>
  useMutation({
    mutationFn: (target: SaltTestTarget) => (target.kind === 'form' ? testSalt(target.input) : testSaltSaved()),
  });
