import type { QueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { Empty, Loading, LoadError } from '../../../components/query-state';
import { auditQueryOptions, useAudit } from '../../../features/audit/api/get-audit';
import type { AuditQuery } from '../../../features/audit/api/types';
import { AuditFilters, EMPTY_AUDIT_FILTERS, type AuditFilterValues } from '../../../features/audit/components/audit-filters';
import { AuditTable } from '../../../features/audit/components/audit-table';
import { VerifyChain } from '../../../features/audit/components/verify-chain';
import { localInputToIso } from '../../../lib/format';
import { P } from '../../../lib/permissions';
import { prefetchLoader } from '../../guards';

const PAGE_SIZES = [25, 50, 100];
const DEFAULT_PAGE_SIZE = 50;

function toQuery(filters: AuditFilterValues, limit: number, offset: number): AuditQuery {
  return {
    action: filters.action.trim() || undefined,
    decision: filters.decision || undefined,
    since: localInputToIso(filters.since),
    until: localInputToIso(filters.until),
    limit,
    offset,
  };
}

export const clientLoader = (queryClient: QueryClient) =>
  prefetchLoader(queryClient, P.auditView, () =>
    queryClient.prefetchQuery(auditQueryOptions(toQuery(EMPTY_AUDIT_FILTERS, DEFAULT_PAGE_SIZE, 0))),
  );

function AuditPage() {
  const pageSizeId = useId();
  const [filters, setFilters] = useState(EMPTY_AUDIT_FILTERS);
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const [offset, setOffset] = useState(0);
  const auditQuery = useAudit(toQuery(filters, limit, offset));

  const handleApply = (next: AuditFilterValues) => {
    setFilters(next);
    setOffset(0);
  };

  const handlePageSize = (value: string) => {
    setLimit(Number(value));
    setOffset(0);
  };

  return (
    <section>
      <PageHeader
        title="Audit"
        description="Every request decision, allowed or denied, in a hash-chained log."
        actions={<VerifyChain />}
      />
      <AuditFilters value={filters} onApply={handleApply} />
      {auditQuery.isPending ? <Loading /> : null}
      {auditQuery.isError ? <LoadError error={auditQuery.error} onRetry={() => void auditQuery.refetch()} /> : null}
      {auditQuery.isSuccess && auditQuery.data.entries.length === 0 ? <Empty>No audit entries match.</Empty> : null}
      {auditQuery.isSuccess && auditQuery.data.entries.length > 0 ? <AuditTable entries={auditQuery.data.entries} /> : null}
      {auditQuery.isSuccess ? (
        <div className="table-footer">
          <div className="field field-inline">
            <label htmlFor={pageSizeId}>Page size</label>
            <select id={pageSizeId} value={limit} onChange={(event) => handlePageSize(event.target.value)}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
          <Pagination total={auditQuery.data.total} limit={limit} offset={offset} onOffsetChange={setOffset} />
        </div>
      ) : null}
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.auditView}>
      <AuditPage />
    </RequirePermission>
  );
}
