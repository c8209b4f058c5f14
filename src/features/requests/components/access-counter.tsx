import { useT } from '../../../lib/i18n/i18n.tsx';
import { useAllowance } from '../api/get-allowance.ts';

/**
 * CCPA clinics only: "1 of 2 access requests used; the next free one from 3 Feb 2027". The
 * limit is CCPA's (twice in any 12 months), so a GDPR-only clinic shows nothing.
 */
export function AccessCounter() {
  const { t, formatDate } = useT();
  const limit = useAllowance().data.data.accessLimit;
  if (!limit) return null;
  return (
    <p className="access-counter">
      {t('allowance.used', { used: limit.used, limit: limit.limit })}
      {limit.nextAvailableAt
        ? ` ${t('allowance.next', { date: formatDate(limit.nextAvailableAt) })}`
        : ''}
    </p>
  );
}
