import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/query-state';
import { SaltError } from '../../../components/salt-error';
import { keysQueryOptions, useKeys } from '../../../features/keys/api/get-keys';
import type { KeyAction, KeyEntry } from '../../../features/keys/api/types';
import { KeyActionDialog } from '../../../features/keys/components/key-action-dialog';
import { KeyGroups } from '../../../features/keys/components/key-groups';
import { useCan } from '../../../lib/can';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.keysView, () => queryClient.prefetchQuery(keysQueryOptions()));

function KeysPage() {
  const keysQuery = useKeys();
  const allowed = { accept: useCan(P.keysAccept), reject: useCan(P.keysReject), delete: useCan(P.keysDelete) };
  const [pending, setPending] = useState<{ entry: KeyEntry; action: KeyAction } | null>(null);

  return (
    <section>
      <PageHeader title="Keys" description="Minion keys on the Salt master, live. Accept a pending key to let its minion in." />
      {keysQuery.isPending ? <Loading label="Asking the Salt master…" /> : null}
      {keysQuery.isError ? <SaltError error={keysQuery.error} onRetry={() => void keysQuery.refetch()} /> : null}
      {keysQuery.data ? (
        <KeyGroups keys={keysQuery.data.keys} allowed={allowed} onAction={(entry, action) => setPending({ entry, action })} />
      ) : null}
      {pending ? <KeyActionDialog entry={pending.entry} action={pending.action} onClose={() => setPending(null)} /> : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.keysView}>
      <KeysPage />
    </RequirePermission>
  );
}
