import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { usePolicySummary } from '../../features/policies/api/get-policies.ts';
import { VersionArchive } from '../../features/policies/components/version-archive.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePolicyParams } from '../route-params.ts';

/** `/c/:clinic/policies/:policyId/versions` (lazy: most owners never open it). */
export function ArchiveRoute() {
  const { t } = useT();
  const { clinic: slug, policyId } = usePolicyParams();
  const clinic = useClinic(slug).data.data;
  const policy = usePolicySummary(slug, policyId);
  useDocumentTitle(t('archive.title'), policy.title, clinic.name);
  return <VersionArchive clinic={slug} policy={policy} />;
}
