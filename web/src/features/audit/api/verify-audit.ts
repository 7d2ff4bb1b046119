import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { auditKeys } from './get-audit';
import type { AuditVerifyResult } from './types';

/** `GET /api/v1/audit/verify`: walks the hash chain and reports the first broken entry. */
export const verifyAudit = () => api.get<AuditVerifyResult>('/api/v1/audit/verify');

/**
 * Runs the check on demand (a button, not a page load: it reads the whole log). A mutation in
 * TanStack terms although it is a GET; the verify call itself adds an audit entry, so the list
 * is refreshed after.
 */
export function useVerifyAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: auditKeys.verify,
    mutationFn: verifyAudit,
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKeys.lists }),
  });
}
