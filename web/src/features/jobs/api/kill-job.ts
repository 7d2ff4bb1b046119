import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { jobsKeys } from './get-jobs';
import type { KillResult } from './types';

/** `POST /api/jobs/{jid}/kill`: 202 with the minions signalled; the status follows on the next poll. */
export const killJob = (jid: string) => api.post<KillResult | undefined>(`/api/jobs/${encodeURIComponent(jid)}/kill`);

export function useKillJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: killJob,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.all }),
  });
}
