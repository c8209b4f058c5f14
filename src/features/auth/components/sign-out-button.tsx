import { useIsMutating } from '@tanstack/react-query';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { sessionKeys } from '../../../lib/private-keys.ts';
import { useSignOut } from '../api/sign-out.ts';

/** Signs this phone out and forgets the owner's data on it. */
export function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useT();
  const signOut = useSignOut();
  // Changes still waiting for the network would be dropped with the rest: say so first.
  const unsent = useIsMutating({ mutationKey: sessionKeys.all });
  return (
    <div className="sign-out">
      {unsent > 0 ? <p className="muted">{t('signOut.unsentWarning', { count: unsent })}</p> : null}
      <ApiErrorMessage error={signOut.error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: onSignedOut })}
      >
        {t('signOut.button')}
      </button>
    </div>
  );
}
