import { Notice } from '../../../components/ui/notice.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { usePushPermission, type PushPermission } from '../../../lib/notification-permission.ts';
import { usePushStatus } from '../../../lib/push-status.ts';

/**
 * What this device can receive: the browser's permission, or 'not-subscribed' when push is
 * allowed but this device is not registered with the clinic (never enabled, removed in the
 * Devices list, or the subscription was lost), so the switches would not reach it.
 */
export type DevicePush = PushPermission | 'not-subscribed';

export function useDevicePush(clinic: string): DevicePush {
  const permission = usePushPermission();
  const status = usePushStatus(clinic);
  return permission === 'granted' && status !== 'subscribed' ? 'not-subscribed' : permission;
}

/**
 * What this device itself allows. The switches are the owner's choice for the account (other
 * phones included); whether a notification can reach *this* one is up to the browser, and the
 * page says so rather than pretending. (Asking for permission comes with push sign-up.)
 */
export function PushPermissionNote({ permission }: { permission: DevicePush }) {
  const { t } = useT();
  if (permission === 'granted') return null;
  const text =
    permission === 'denied'
      ? t('pref.push.denied')
      : permission === 'unsupported'
        ? t('pref.push.unsupported')
        : permission === 'not-subscribed'
          ? t('push.notSubscribed')
          : t('pref.push.notAsked');
  return (
    <Notice tone={permission === 'denied' ? 'warning' : 'info'}>
      <p>{text}</p>
    </Notice>
  );
}

/** The short form, beside each push switch. */
export function pushCellNote(permission: DevicePush, t: ReturnType<typeof useT>['t']) {
  if (permission === 'denied') return t('pref.push.deniedShort');
  if (permission === 'unsupported') return t('pref.push.unsupportedShort');
  if (permission === 'default') return t('pref.push.notAskedShort');
  if (permission === 'not-subscribed') return t('push.notSubscribedShort');
  return null;
}
