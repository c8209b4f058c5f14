import { SavedCopyNote } from '../../components/ui/saved-copy-note.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { usePolicies } from '../../features/policies/api/get-policies.ts';
import { PolicyList } from '../../features/policies/components/policy-list.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/`: the clinic's documents and whom to ask about each. */
export function PoliciesRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const { data: policies } = usePolicies(slug);
  useDocumentTitle(t('policies.title'), clinic.name);

  return (
    <div className="policies-page">
      <h1>{t('policies.title')}</h1>
      <p className="lead">{t('policies.intro', { clinic: clinic.name })}</p>
      <SavedCopyNote isFromCache={policies.isFromCache} fetchedAt={policies.fetchedAt} />
      <PolicyList clinic={clinic} policies={policies.data} />
    </div>
  );
}
