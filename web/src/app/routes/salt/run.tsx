import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { RequirePermission } from '../../../components/forbidden';
import { PageHeader } from '../../../components/page-header';
import { useFunctions } from '../../../features/run/api/get-functions';
import { useRunCommand } from '../../../features/run/api/run-command';
import { TARGET_TYPES, type TargetType } from '../../../features/run/api/types';
import { EMPTY_RUN_FORM, RunForm, type RunFormValues } from '../../../features/run/components/run-form';
import { RunResultView } from '../../../features/run/components/run-result';
import { P } from '../../../lib/permissions';

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `?target=&target_type=&fun=&args=["a"]&kwargs={"k":1}` pre-fill the form (salt-console.md §1.2). */
function initialFromParams(params: URLSearchParams): RunFormValues {
  const type = params.get('target_type');
  const args = parseJson(params.get('args'));
  const kwargs = parseJson(params.get('kwargs'));
  return {
    ...EMPTY_RUN_FORM,
    target: params.get('target') ?? '',
    targetType: TARGET_TYPES.includes(type as TargetType) ? (type as TargetType) : 'glob',
    fun: params.get('fun') ?? '',
    args: Array.isArray(args) ? args.map(String).join('\n') : '',
    kwargs: kwargs && typeof kwargs === 'object' && !Array.isArray(kwargs) ? JSON.stringify(kwargs, null, 2) : '',
  };
}

function RunPage() {
  const [params] = useSearchParams();
  const initial = useMemo(() => initialFromParams(params), [params]);
  const functionsQuery = useFunctions();
  const runMutation = useRunCommand();

  return (
    <section>
      <PageHeader title="Run" description="Run a Salt execution function on a target. Every run is audited." />
      <div className="run-layout">
        <RunForm
          key={params.toString()}
          initial={initial}
          functions={functionsQuery.data?.functions ?? []}
          busy={runMutation.isPending}
          error={runMutation.error}
          onSubmit={(input) => runMutation.mutate(input)}
        />
        {runMutation.data ? <RunResultView result={runMutation.data} /> : null}
      </div>
    </section>
  );
}

export function Component() {
  return (
    <RequirePermission permission={P.saltExecute}>
      <RunPage />
    </RequirePermission>
  );
}
