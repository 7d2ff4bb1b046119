// Payload shapes of `/api/keys` (salt-console.md §4, src/salt/keys/schema.ts). Declared here
// until the web app switches to `import type` from the server schema.

export type KeyStatus = 'accepted' | 'pending' | 'rejected' | 'denied';

export interface KeyEntry {
  id: string;
  status: KeyStatus;
}

export interface KeyList {
  total: number;
  keys: KeyEntry[];
}

export type KeyAction = 'accept' | 'reject' | 'delete';
