import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useConfirmAge } from '../api/confirm-age.ts';

/**
 * The service is not directed to under-16s (PRIVACY-RULES.md, "Children"). Both answers are
 * equally easy to give; "under 16" ends the sign-up and keeps nothing but the refusal.
 */
export function AgeConfirmation({
  clinicName,
  onConfirmed,
  onRefused,
}: {
  clinicName: string;
  onConfirmed: () => void;
  onRefused: () => void;
}) {
  const { t } = useT();
  const confirm = useConfirmAge();
  const answer = (sixteenOrOlder: boolean) =>
    confirm.mutate(sixteenOrOlder, {
      onSuccess: () => (sixteenOrOlder ? onConfirmed() : onRefused()),
    });

  return (
    <div className="stack-form">
      <p className="lead">{t('age.rule')}</p>
      <p>{t('age.why', { clinic: clinicName })}</p>
      <ApiErrorMessage error={confirm.error} />
      <p className="form-actions">
        <button
          type="button"
          className="button"
          disabled={confirm.isPending}
          onClick={() => answer(true)}
        >
          {t('age.older')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={confirm.isPending}
          onClick={() => answer(false)}
        >
          {t('age.younger')}
        </button>
      </p>
    </div>
  );
}
