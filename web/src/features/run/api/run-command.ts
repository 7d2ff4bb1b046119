import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RunCommandIn, RunResult } from './types';

/** `POST /api/run`: 202 with the new job's jid and targeted minions; 422 names the bad field. */
export const runCommand = (input: RunCommandIn) => api.post<RunResult>('/api/run', input);

/** Dispatches a command; the jobs list picks the job up through the activity stream or its next refresh. */
export const useRunCommand = () => useMutation({ mutationFn: runCommand });
