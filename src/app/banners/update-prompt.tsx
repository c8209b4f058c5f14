import { useT } from '../../lib/i18n/i18n.tsx';
import { useSwUpdate } from '../../lib/use-sw-update.ts';

/** The one "update available" prompt. The app never reloads unless the owner asks. */
export function UpdatePrompt() {
  const { t } = useT();
  const { isUpdateWaiting, update } = useSwUpdate();
  if (!isUpdateWaiting) return null;
  return (
    <div role="region" aria-label={t('update.label')} className="banner update-prompt">
      <p className="banner__title" role="status">
        {t('update.message')}
      </p>
      <div className="banner__actions">
        <button type="button" className="button" onClick={update}>
          {t('update.reload')}
        </button>
      </div>
    </div>
  );
}
