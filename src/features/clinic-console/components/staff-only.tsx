import { Link } from 'react-router';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';

/** An owner (or another clinic's staff) opened the console: a clear no, and a way back. */
export function StaffOnly({ clinic, clinicName }: { clinic: string; clinicName: string }) {
  const { t } = useT();
  return (
    <div className="staff-only">
      <h1>{t('con.refusedTitle')}</h1>
      <p role="alert">{t('con.refusedBody', { clinic: clinicName })}</p>
      <p>
        <Link className="button button--secondary" to={paths.account(clinic)}>
          {t('con.refusedAccount')}
        </Link>
      </p>
    </div>
  );
}
