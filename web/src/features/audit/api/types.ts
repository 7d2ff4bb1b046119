// Payload shapes of `/api/audit` and `/api/v1/audit/verify`. Declared here until the web app
// switches to `import type` from the server schema.

export type AuditDecision = 'allow' | 'deny';

export interface AuditEntry {
  id: number;
  at: string;
  user_id: string | null;
  actor: string;
  action: string;
  resource: string;
  args_json: unknown;
  salt_jid: string | null;
  /** `allow` or `deny`. */
  decision: string;
  result_code: number;
  duration_ms: number;
}

export interface AuditList {
  total: number;
  entries: AuditEntry[];
}

/** The list filters; empty values are left out of the query. */
export interface AuditQuery {
  user_id?: string;
  action?: string;
  decision?: AuditDecision | '';
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  first_bad_id: number | null;
  head_hash: string;
}
