import { Link } from 'react-router';
import type { PolicySummary } from '../../../contract/policy.ts';
import { Notice } from '../../../components/ui/notice.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../../lib/use-now.ts';

/** Notice before a change takes effect, as the clinic's policy promises. */
export function UpcomingNotice({ clinic, policy }: { clinic: string; policy: PolicySummary }) {
  const { rich, t, formatDate } = useT();
  const now = useNow();
  const { upcoming } = policy;
  // A saved copy of the list can be older than the change; once in effect it is not "upcoming".
  if (!upcoming || Date.parse(upcoming.effectiveAt) <= now) return null;
  return (
    <Notice tone="warning">
      <p>
        {rich('policies.upcoming', {
          date: formatDate(upcoming.effectiveAt),
          link: (
            <Link to={paths.diff(clinic, policy.id, policy.current.version, upcoming.version)}>
              {t('policies.upcomingLink')}
            </Link>
          ),
        })}
      </p>
    </Notice>
  );
}
