import type { Clinic } from '../../../contract/clinic.ts';
import type { PolicySummary } from '../../../contract/policy.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

/** Who the party is, in GDPR terms, and whom the owner should ask. */
export function PartyLine({
  policy,
  clinic,
}: {
  policy: PolicySummary;
  clinic: Pick<Clinic, 'name' | 'contactEmail'>;
}) {
  const { t, rich } = useT();
  return (
    <p className="party-line">
      {policy.role === 'controller'
        ? rich('policies.controllerLine', {
            clinic: clinic.name,
            email: <a href={`mailto:${clinic.contactEmail}`}>{clinic.contactEmail}</a>,
          })
        : t('policies.processorLine', { publisher: policy.publisher })}
    </p>
  );
}
