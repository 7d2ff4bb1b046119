// Payload shapes of `/api/users` (src/core/users/schema.ts). Declared here until the web app
// switches to `import type` from the server schema.

export interface UserSummary {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  is_active: boolean;
  is_builtin: boolean;
  must_change_pw: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface UserList {
  total: number;
  users: UserSummary[];
}

export interface UserCreate {
  username: string;
  display_name?: string;
  email?: string | null;
  password: string;
  must_change_pw?: boolean;
  role_ids?: string[];
}

/** `null` leaves a field unchanged; an empty `email` clears it. */
export interface UserUpdate {
  display_name?: string | null;
  email?: string | null;
  is_active?: boolean | null;
}

export interface PasswordReset {
  new_password: string;
  must_change_pw?: boolean;
}

export interface PageParams {
  limit: number;
  offset: number;
}

/** A role the users screens can offer, supplied by the page from the roles feature. */
export interface RoleOption {
  id: string;
  name: string;
}
