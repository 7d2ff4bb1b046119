import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { apiKeysQueryOptions, useApiKeys } from '../../../features/api-keys/api/get-api-keys';
import type { ApiKeyView } from '../../../features/api-keys/api/types';
import { ApiKeysTable } from '../../../features/api-keys/components/api-keys-table';
import { CreateApiKeyDialog } from '../../../features/api-keys/components/create-api-key-dialog';
import { RevokeApiKeyDialog } from '../../../features/api-keys/components/revoke-api-key-dialog';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

const PAGE_SIZE = 20;

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.apiKeysView, () =>
    queryClient.prefetchQuery(apiKeysQueryOptions({ page: 1, page_size: PAGE_SIZE })),
  );

type OpenDialog = { kind: 'create' } | { kind: 'revoke'; apiKey: ApiKeyView } | null;

function ApiKeysPage() {
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const canManage = useCan(P.apiKeysManage);
  const keysQuery = useApiKeys({ page, page_size: PAGE_SIZE });

  const handleClose = () => setDialog(null);
  const creating = dialog?.kind === 'create';

  return (
    <section>
      <PageHeader
        title="API keys"
        description="Keys for scripts and integrations. A key holds only the permissions listed on it, within its creator's."
        actions={
          canManage ? (
            <button
              type="button"
              className={`button button-primary${creating ? ' is-concealed' : ''}`}
              onClick={() => setDialog({ kind: 'create' })}
            >
              Create key
            </button>
          ) : null
        }
      />
      {keysQuery.isPending ? <Loading /> : null}
      {keysQuery.isError ? <LoadError error={keysQuery.error} onRetry={() => void keysQuery.refetch()} /> : null}
      {keysQuery.isSuccess && keysQuery.data.items.length === 0 ? <Empty>No API keys yet.</Empty> : null}
      {keysQuery.isSuccess && keysQuery.data.items.length > 0 ? (
        <>
          <ApiKeysTable keys={keysQuery.data.items} canManage={canManage} onRevoke={(apiKey) => setDialog({ kind: 'revoke', apiKey })} />
          <Pagination
            total={keysQuery.data.total}
            limit={PAGE_SIZE}
            offset={(page - 1) * PAGE_SIZE}
            onOffsetChange={(offset) => setPage(Math.floor(offset / PAGE_SIZE) + 1)}
          />
        </>
      ) : null}
      {dialog?.kind === 'create' ? <CreateApiKeyDialog onClose={handleClose} /> : null}
      {dialog?.kind === 'revoke' ? <RevokeApiKeyDialog apiKey={dialog.apiKey} onClose={handleClose} /> : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.apiKeysView}>
      <ApiKeysPage />
    </RequirePermission>
  );
}
