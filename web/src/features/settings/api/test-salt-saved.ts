import { api } from '../../../lib/api-client';
import type { SaltTestResult } from './types';

/** `POST /api/admin/settings/test-salt-saved`: tries the stored connection (stored password included). */
export const testSaltSaved = () => api.post<SaltTestResult>('/api/admin/settings/test-salt-saved');
