import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { usePolicySummary } from '../../features/policies/api/get-policies.ts';
import { PolicyReader } from '../../features/policies/components/policy-reader.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePolicyParams, usePolicyVersionParam } from '../route-params.ts';

/** `/c/:clinic/policies/:policyId` (the version in effect) and `…/versions/:version`. */
export function PolicyRoute() {
  const { clinic: slug, policyId } = usePolicyParams();
  const requestedVersion = usePolicyVersionParam();
  const clinic = useClinic(slug).data.data;
  const policy = usePolicySummary(slug, policyId);
  useDocumentTitle(policy.title, clinic.name);
  const version = requestedVersion ?? policy.current.version;
  // Keyed by version: search and scroll state belong to one text.
  return <PolicyReader key={version} clinic={clinic} policy={policy} version={version} />;
}
