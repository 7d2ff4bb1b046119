// Payload shapes of `/api/roles` (src/core/rbac/schema.ts). Declared here until the web app
// switches to `import type` from the server schema.

export interface RoleSummary {
  id: string;
  name: string;
  description: string;
  is_builtin: boolean;
  permission_count: number;
}

export interface PermissionView {
  id: string;
  verb: string;
  resource_glob: string;
}

export interface RoleDetail extends RoleSummary {
  permissions: PermissionView[];
}

export interface RoleList {
  total: number;
  roles: RoleSummary[];
}

export interface RoleCreate {
  name: string;
  description?: string;
}

export interface RoleUpdate {
  name?: string;
  description?: string;
}

export interface PermissionCreate {
  verb: string;
  resource_glob: string;
}

export interface PageParams {
  limit: number;
  offset: number;
}
