import { Link } from 'react-router';
import type { Clinic } from '../../../contract/clinic.ts';
import type { PolicySummary } from '../../../contract/policy.ts';
import { VisuallyHidden } from '../../../components/ui/visually-hidden.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { PartyLine } from './party-line.tsx';
import { UpcomingNotice } from './upcoming-notice.tsx';

/** The clinic's documents: its own policy first (it is the one to ask), then its vendors'. */
export function PolicyList({ clinic, policies }: { clinic: Clinic; policies: PolicySummary[] }) {
  const { t, formatDate } = useT();
  const ordered = [...policies].sort(
    (a, b) => Number(a.role !== 'controller') - Number(b.role !== 'controller'),
  );
  if (ordered.length === 0) return <p>{t('policies.empty')}</p>;
  return (
    <ul className="policy-list">
      {ordered.map((policy) => (
        <li key={policy.id} className="card policy-card">
          <h2 className="policy-card__title">{policy.title}</h2>
          <PartyLine policy={policy} clinic={clinic} />
          <p className="meta">
            {t('policies.inEffect', {
              version: policy.current.version,
              date: formatDate(policy.current.effectiveAt),
            })}
          </p>
          <UpcomingNotice clinic={clinic.slug} policy={policy} />
          <p className="policy-card__actions">
            <Link className="button" to={paths.policy(clinic.slug, policy.id)}>
              {t('policies.read')}
              <VisuallyHidden>: {policy.title}</VisuallyHidden>
            </Link>
            <Link className="text-link" to={paths.versions(clinic.slug, policy.id)}>
              {t('policies.allVersions')}
              <VisuallyHidden>: {policy.title}</VisuallyHidden>
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
