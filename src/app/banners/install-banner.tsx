import { useState } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';
import { isIosSafari, isStandalone, promptInstall, useInstallState } from '../../lib/install.ts';
import { readStored, storageKeys, writeStored } from '../../lib/storage.ts';

/**
 * "Add to homescreen", as on the clinic's old website, done properly: a region in the page
 * (never a modal), hidden once installed, and "hide" is remembered per clinic.
 */
export function InstallBanner({ clinic, clinicName }: { clinic: string; clinicName: string }) {
  const { t, rich } = useT();
  const install = useInstallState();
  const [isHidden, setHidden] = useState(
    () => readStored(storageKeys.installHidden(clinic)) === '1',
  );
  const [isInstalledApp] = useState(isStandalone);
  const [isIos] = useState(() => isIosSafari(navigator.userAgent, navigator.maxTouchPoints));

  if (isHidden || isInstalledApp || install.isInstalled || install.outcome === 'accepted') {
    return null;
  }
  if (!install.canPrompt && !isIos) return null;

  const hide = () => {
    writeStored(storageKeys.installHidden(clinic), '1');
    setHidden(true);
  };

  return (
    <div role="region" aria-label={t('install.label')} className="banner install-banner">
      <div className="banner__text">
        <p className="banner__title">{t('install.title')}</p>
        <p>{t('install.body', { clinic: clinicName })}</p>
        {isIos && !install.canPrompt ? (
          <p>
            {rich('install.iosSteps', {
              shareIcon: (
                <>
                  <span className="share-icon" aria-hidden="true">
                    <svg viewBox="0 0 16 20" width="14" height="18" focusable="false">
                      <path
                        d="M8 1v11M4.5 4.5 8 1l3.5 3.5M3 8H1.5v10.5h13V8H13"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.5"
                      />
                    </svg>
                  </span>
                  <span className="visually-hidden">{t('install.shareIconLabel')}</span>
                </>
              ),
            })}
          </p>
        ) : null}
      </div>
      <div className="banner__actions">
        {install.canPrompt ? (
          <button type="button" className="button" onClick={() => void promptInstall()}>
            {t('install.button')}
          </button>
        ) : null}
        <button type="button" className="button button--quiet" onClick={hide}>
          {t('install.hide')}
        </button>
      </div>
    </div>
  );
}
