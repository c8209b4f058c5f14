import type { ReactNode } from 'react';
import { useT, type I18n } from '../../lib/i18n/i18n.tsx';
import type { PushStatus } from '../../lib/push-status.ts';

type Platform = 'android' | 'ios' | 'firefox' | 'safari' | 'other';

/** Where the notification switch lives, for "how to allow them again". */
export function platformOf(userAgent: string, maxTouchPoints: number): Platform {
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) {
    return 'ios';
  }
  if (/Android/.test(userAgent)) return /Firefox\//.test(userAgent) ? 'firefox' : 'android';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Version\/[\d.]+ Safari\//.test(userAgent) && !/Chrome|Chromium|Edg\//.test(userAgent)) {
    return 'safari';
  }
  return 'other';
}

function deniedSteps(t: I18n['t'], clinicName: string): string {
  switch (platformOf(navigator.userAgent, navigator.maxTouchPoints)) {
    case 'android':
      return t('push.steps.android', { clinic: clinicName });
    case 'ios':
      return t('push.steps.ios', { clinic: clinicName });
    case 'firefox':
      return t('push.steps.firefox');
    case 'safari':
      return t('push.steps.safari');
    default:
      return t('push.steps.other');
  }
}

/**
 * What the banner says about a device that cannot simply tap Enable: no push here, iOS in a
 * tab, notifications blocked, or a subscription lost outside the app. Loaded on demand (with
 * its words) so the first download carries only the common "disabled, Enable?" banner.
 */
export function PushStateDetails({
  status,
  clinicName,
  isDenied,
  updatesLink,
}: {
  status: PushStatus;
  clinicName: string;
  isDenied: boolean;
  updatesLink: ReactNode;
}) {
  const { t, rich } = useT();
  return (
    <>
      {status === 'lost' ? <p>{t('push.lost', { clinic: clinicName })}</p> : null}
      {status === 'unsupported' ? (
        <p>{rich('push.unsupported', { updates: updatesLink })}</p>
      ) : null}
      {status === 'ios-tab' ? <p>{t('push.iosTab')}</p> : null}
      {isDenied ? <p>{t('push.denied', { steps: deniedSteps(t, clinicName) })}</p> : null}
    </>
  );
}
