// Payload shapes of `/api/v1/settings/api-keys`. Declared here until the web app switches to
// `import type` from the server schema.

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  site_ids: string[] | null;
  created_by?: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The create answer: the view plus the secret, which the server never shows again. */
export interface ApiKeyCreated extends ApiKeyView {
  key: string;
}

export interface ApiKeyCreate {
  name: string;
  permissions: string[];
  site_ids?: string[] | null;
  expires_at?: string | null;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export interface PageQuery {
  page: number;
  page_size: number;
}
