import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { useRoles } from '../../../features/roles/api/get-roles';
import { usersQueryOptions, useUsers } from '../../../features/users/api/get-users';
import type { RoleOption, UserSummary } from '../../../features/users/api/types';
import { CreateUserDialog } from '../../../features/users/components/create-user-dialog';
import { DeleteUserDialog } from '../../../features/users/components/delete-user-dialog';
import { EditUserDialog } from '../../../features/users/components/edit-user-dialog';
import { ResetPasswordDialog } from '../../../features/users/components/reset-password-dialog';
import { UserRolesDialog } from '../../../features/users/components/user-roles-dialog';
import { UsersTable } from '../../../features/users/components/users-table';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

const PAGE_SIZE = 50;

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.usersView, () => queryClient.prefetchQuery(usersQueryOptions({ limit: PAGE_SIZE, offset: 0 })));

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'roles' | 'password' | 'delete'; user: UserSummary }
  | null;

function UsersPage() {
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const canManage = useCan(P.usersManage);
  const canViewRoles = useCan(P.rolesView);
  const usersQuery = useUsers({ limit: PAGE_SIZE, offset });
  // Role names for the table and the role pickers come from the roles feature.
  const rolesQuery = useRoles(undefined, { enabled: canViewRoles });
  const roles: RoleOption[] = (rolesQuery.data?.roles ?? []).map(({ id, name }) => ({ id, name }));

  const handleClose = () => setDialog(null);
  const creating = dialog?.kind === 'create';

  return (
    <section>
      <PageHeader
        title="Users"
        description="People who can sign in to Fleetdeck, and the roles that say what they may do."
        actions={
          canManage ? (
            // Hidden while its dialog is open, so "Create user" names one button at a time.
            <button
              type="button"
              className={`button button-primary${creating ? ' is-concealed' : ''}`}
              onClick={() => setDialog({ kind: 'create' })}
            >
              Create user
            </button>
          ) : null
        }
      />
      {usersQuery.isPending ? <Loading /> : null}
      {usersQuery.isError ? <LoadError error={usersQuery.error} onRetry={() => void usersQuery.refetch()} /> : null}
      {usersQuery.isSuccess && usersQuery.data.users.length === 0 ? <Empty>No users yet.</Empty> : null}
      {usersQuery.isSuccess && usersQuery.data.users.length > 0 ? (
        <>
          <UsersTable
            users={usersQuery.data.users}
            roles={roles}
            canManage={canManage}
            onEdit={(user) => setDialog({ kind: 'edit', user })}
            onEditRoles={(user) => setDialog({ kind: 'roles', user })}
            onResetPassword={(user) => setDialog({ kind: 'password', user })}
            onDelete={(user) => setDialog({ kind: 'delete', user })}
          />
          <Pagination total={usersQuery.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={setOffset} />
        </>
      ) : null}
      {dialog?.kind === 'create' ? <CreateUserDialog roles={roles} onClose={handleClose} /> : null}
      {dialog?.kind === 'edit' ? <EditUserDialog user={dialog.user} onClose={handleClose} /> : null}
      {dialog?.kind === 'roles' ? <UserRolesDialog user={dialog.user} roles={roles} onClose={handleClose} /> : null}
      {dialog?.kind === 'password' ? <ResetPasswordDialog user={dialog.user} onClose={handleClose} /> : null}
      {dialog?.kind === 'delete' ? <DeleteUserDialog user={dialog.user} onClose={handleClose} /> : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.usersView}>
      <UsersPage />
    </RequirePermission>
  );
}
