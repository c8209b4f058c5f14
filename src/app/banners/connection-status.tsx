import { useT } from '../../lib/i18n/i18n.tsx';
import { useIsOnline } from '../../lib/online-status.ts';
import { useSwUpdate } from '../../lib/use-sw-update.ts';

/** In the footer: offline, or ready to work offline. Nothing while simply online. */
export function ConnectionStatus() {
  const { t } = useT();
  const isOnline = useIsOnline();
  const { isOfflineReady } = useSwUpdate();
  const message = !isOnline
    ? t('footer.offline')
    : isOfflineReady
      ? t('footer.availableOffline')
      : '';
  return (
    <p className={`connection-status${isOnline ? '' : ' is-offline'}`} role="status">
      {message ? <span className="connection-status__dot" aria-hidden="true" /> : null}
      {message}
    </p>
  );
}
