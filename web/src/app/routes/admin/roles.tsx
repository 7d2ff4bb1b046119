import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { rolesQueryOptions, useRoles } from '../../../features/roles/api/get-roles';
import type { RoleSummary } from '../../../features/roles/api/types';
import { CreateRoleDialog } from '../../../features/roles/components/create-role-dialog';
import { DeleteRoleDialog } from '../../../features/roles/components/delete-role-dialog';
import { EditRoleDialog } from '../../../features/roles/components/edit-role-dialog';
import { RoleDetailPanel } from '../../../features/roles/components/role-detail-panel';
import { RolesTable } from '../../../features/roles/components/roles-table';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.rolesView, () => queryClient.prefetchQuery(rolesQueryOptions()));

type OpenDialog = { kind: 'create' } | { kind: 'edit' | 'delete'; role: RoleSummary } | null;

function RolesPage() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const canManage = useCan(P.rolesManage);
  const rolesQuery = useRoles();

  const handleClose = () => setDialog(null);
  const handleCreated = (role: RoleSummary) => {
    setDialog(null);
    setSelectedId(role.id);
  };
  const handleDeleted = (role: RoleSummary) => {
    setDialog(null);
    if (selectedId === role.id) setSelectedId(null);
  };

  const roles = rolesQuery.data?.roles ?? [];
  const selected = roles.find((role) => role.id === selectedId) ?? null;
  const creating = dialog?.kind === 'create';

  return (
    <section>
      <PageHeader
        title="Roles"
        description="Named sets of permissions, written verb:resource. Built-in roles are fixed by the release."
        actions={
          canManage ? (
            <button
              type="button"
              className={`button button-primary${creating ? ' is-concealed' : ''}`}
              onClick={() => setDialog({ kind: 'create' })}
            >
              Create role
            </button>
          ) : null
        }
      />
      {rolesQuery.isPending ? <Loading /> : null}
      {rolesQuery.isError ? <LoadError error={rolesQuery.error} onRetry={() => void rolesQuery.refetch()} /> : null}
      {rolesQuery.isSuccess && roles.length === 0 ? <Empty>No roles yet.</Empty> : null}
      {roles.length > 0 ? (
        <div className={`split${selected ? ' split-open' : ''}`}>
          <RolesTable
            roles={roles}
            selectedId={selectedId}
            canManage={canManage}
            onSelect={(role) => setSelectedId(role.id)}
            onEdit={(role) => setDialog({ kind: 'edit', role })}
            onDelete={(role) => setDialog({ kind: 'delete', role })}
          />
          {selected ? <RoleDetailPanel key={selected.id} roleId={selected.id} canManage={canManage} /> : null}
        </div>
      ) : null}
      {dialog?.kind === 'create' ? <CreateRoleDialog onClose={handleClose} onCreated={handleCreated} /> : null}
      {dialog?.kind === 'edit' ? <EditRoleDialog role={dialog.role} onClose={handleClose} /> : null}
      {dialog?.kind === 'delete' ? (
        <DeleteRoleDialog role={dialog.role} onClose={handleClose} onDeleted={() => handleDeleted(dialog.role)} />
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.rolesView}>
      <RolesPage />
    </RequirePermission>
  );
}
