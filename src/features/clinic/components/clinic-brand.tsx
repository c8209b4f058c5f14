import { Link } from 'react-router';
import type { Clinic } from '../../../contract/clinic.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';

/** The clinic's icon and name, leading back to its documents. */
export function ClinicBrand({ clinic }: { clinic: Clinic }) {
  const { t } = useT();
  return (
    <Link
      to={paths.clinic(clinic.slug)}
      className="clinic-brand"
      aria-label={t('app.clinicHome', { clinic: clinic.name })}
    >
      <img
        className="clinic-brand__icon"
        src={paths.clinicIcon(clinic.slug)}
        alt=""
        width={40}
        height={40}
      />
      <span className="clinic-brand__name">{clinic.name}</span>
    </Link>
  );
}
