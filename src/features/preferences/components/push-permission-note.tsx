import { Notice } from '../../../components/ui/notice.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { PushPermission } from '../../../lib/notification-permission.ts';

/**
 * What this device itself allows. The switches are the owner's choice for the account (other
 * phones included); whether a notification can reach *this* one is up to the browser, and the
 * page says so rather than pretending. (Asking for permission comes with push sign-up.)
 */
export function PushPermissionNote({ permission }: { permission: PushPermission }) {
  const { t } = useT();
  if (permission === 'granted') return null;
  const text =
    permission === 'denied'
      ? t('pref.push.denied')
      : permission === 'unsupported'
        ? t('pref.push.unsupported')
        : t('pref.push.notAsked');
  return (
    <Notice tone={permission === 'denied' ? 'warning' : 'info'}>
      <p>{text}</p>
    </Notice>
  );
}

/** The short form, beside each push switch. */
export function pushCellNote(permission: PushPermission, t: ReturnType<typeof useT>['t']) {
  if (permission === 'denied') return t('pref.push.deniedShort');
  if (permission === 'unsupported') return t('pref.push.unsupportedShort');
  if (permission === 'default') return t('pref.push.notAskedShort');
  return null;
}
