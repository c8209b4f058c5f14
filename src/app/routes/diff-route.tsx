import '../../styles/diff.css';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { usePolicySummary } from '../../features/policies/api/get-policies.ts';
import { PolicyComparison } from '../../features/policies/components/policy-comparison.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePolicyParams } from '../route-params.ts';

/** `/c/:clinic/policies/:policyId/diff?from=N&to=M` (lazy: the diff view is the heaviest). */
export function DiffRoute() {
  const { t } = useT();
  const { clinic: slug, policyId } = usePolicyParams();
  const clinic = useClinic(slug).data.data;
  const policy = usePolicySummary(slug, policyId);
  useDocumentTitle(t('diff.title'), policy.title, clinic.name);
  return <PolicyComparison clinic={slug} policy={policy} />;
}
