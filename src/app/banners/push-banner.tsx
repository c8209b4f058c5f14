import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { loadUpdatesMessages, useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import {
  detectDeviceStatus,
  pushStorageKeys,
  setPushStatus,
  usePushStatus,
} from '../../lib/push-status.ts';
import { readStored, storageKeys, writeStored } from '../../lib/storage.ts';

// The category choice, its words and the subscribing code load only after Enable: this banner
// is in every page's first download, so it carries just the state and the words it needs first.
const loadChoice = () => Promise.all([import('./push-category-choice.tsx'), loadUpdatesMessages()]);
const PushCategoryChoice = lazy(async () => ({
  default: (await loadChoice())[0].PushCategoryChoice,
}));

// Explaining a device that cannot simply tap Enable (no push, iOS in a tab, blocked, lost) is
// the rarer case: those words load on demand too. A device known at start to need them starts
// loading them at once, alongside the clinic's data, so they are here for the first paint;
// not when the owner hid the banner at the clinic last opened, where nothing would show them.
const loadDetails = () => Promise.all([import('./push-state-details.tsx'), loadUpdatesMessages()]);
const PushStateDetails = lazy(async () => ({
  default: (await loadDetails())[0].PushStateDetails,
}));
if (typeof window !== 'undefined' && detectDeviceStatus() !== null) {
  const lastClinic = readStored(storageKeys.lastClinic);
  const isHidden = lastClinic !== null && readStored(pushStorageKeys.hidden(lastClinic)) === '1';
  if (!isHidden) void loadDetails();
}

/** Where the owner is in turning push on, during this visit. */
type Step = 'idle' | 'asking' | 'dismissed' | 'choosing' | 'enabled';

/**
 * "Push Notifications are disabled", with Enable and Hide, as on the clinic's old website,
 * done properly: permission is asked only after the tap (never on load), each state of the
 * device is explained, and "hide" is remembered per clinic. A subscription lost outside the
 * app is shown even when hidden: the owner would otherwise miss that push stopped.
 */
export function PushBanner({
  clinic,
  clinicName,
  ignoresHide = false,
}: {
  clinic: string;
  clinicName: string;
  /** On the Devices page, where the owner came to turn push on: shown even if hidden before. */
  ignoresHide?: boolean;
}) {
  const { t, rich } = useT();
  const status = usePushStatus(clinic);
  const [step, setStep] = useState<Step>('idle');
  const titleRef = useRef<HTMLParagraphElement>(null);
  // The focused button (Enable, Turn on) goes away as the banner moves on; focus follows to
  // the title, so keyboard and screen reader users are not dropped at the top of the page.
  const shouldFocusTitle = useRef(false);
  useEffect(() => {
    if (!shouldFocusTitle.current) return;
    shouldFocusTitle.current = false;
    titleRef.current?.focus();
  }, [step, status]);
  const [isHidden, setHidden] = useState(
    () => !ignoresHide && readStored(pushStorageKeys.hidden(clinic)) === '1',
  );

  const isShown = step !== 'idle' || status === 'lost' || (!isHidden && status !== 'subscribed');
  if (!isShown) return null;

  const hide = () => {
    writeStored(pushStorageKeys.hidden(clinic), '1');
    setHidden(true);
    setStep('idle');
    // The "stopped" notice has been seen; the banner's usual state takes its place.
    if (status === 'lost') setPushStatus(clinic, 'off');
  };

  const enable = () => {
    // Asked inside the tap: Safari and Firefox ignore requests without a user gesture, and
    // asking on load is what this banner exists to avoid.
    // Promise.resolve: Safari before 15 answered through a callback and returned undefined.
    const answer = Promise.resolve(Notification.requestPermission());
    void loadChoice();
    setStep('asking');
    void answer.then((permission: NotificationPermission | undefined) => {
      if (permission === 'granted') setStep('choosing');
      else if (permission === 'denied') {
        shouldFocusTitle.current = true;
        setPushStatus(clinic, 'denied');
        setStep('idle');
      } else setStep('dismissed');
    });
  };

  const updates = (
    <Link className="push-banner__link" to={paths.updates(clinic)}>
      {t('push.updatesLink')}
    </Link>
  );
  const canEnable = status === 'off' || (status === 'lost' && Notification.permission !== 'denied');
  const title =
    step === 'enabled'
      ? t('push.onTitle')
      : status === 'lost'
        ? t('push.lostTitle')
        : t('push.title');

  return (
    <div role="region" aria-label={t('push.label')} className="banner push-banner">
      <div className="banner__text">
        <p className="banner__title" ref={titleRef} tabIndex={-1}>
          {title}
        </p>
        {step === 'enabled' ? null : (
          <>
            {status === 'off' ? (
              <p>{t('push.body', { clinic: clinicName })}</p>
            ) : (
              <Suspense fallback={null}>
                <PushStateDetails
                  status={status}
                  clinicName={clinicName}
                  isDenied={
                    status === 'denied' ||
                    (status === 'lost' && Notification.permission === 'denied')
                  }
                  updatesLink={updates}
                />
              </Suspense>
            )}
          </>
        )}
        <p role="status" className="push-banner__status">
          {step === 'asking'
            ? t('push.asking')
            : step === 'dismissed'
              ? t('push.dismissed')
              : step === 'enabled'
                ? rich('push.on', { clinic: clinicName, updates })
                : ''}
        </p>
        {step === 'choosing' ? (
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <PushCategoryChoice
              clinic={clinic}
              onEnabled={() => {
                shouldFocusTitle.current = true;
                setStep('enabled');
              }}
            />
          </Suspense>
        ) : null}
      </div>
      <div className="banner__actions">
        {canEnable && (step === 'idle' || step === 'dismissed') ? (
          <button type="button" className="button" onClick={enable}>
            {status === 'lost' ? t('push.enableAgain') : t('push.enable')}
          </button>
        ) : null}
        <button type="button" className="button button--quiet" onClick={hide}>
          {t('push.hide')}
        </button>
      </div>
    </div>
  );
}
