import { useSyncExternalStore } from 'react';

/** What this device allows for push, whatever the owner's preference on the server says. */
export type PushPermission = 'unsupported' | NotificationPermission;

export function readPushPermission(): PushPermission {
  // iOS exposes push only to home-screen installs (16.4+); other browsers may lack it entirely.
  if (
    typeof Notification === 'undefined' ||
    !('serviceWorker' in navigator) ||
    !('PushManager' in window)
  ) {
    return 'unsupported';
  }
  return Notification.permission;
}

function subscribe(onChange: () => void): () => void {
  // The permission can be withdrawn in the browser's or phone's settings at any time, and
  // PRIVACY-RULES.md asks the app to notice: look again whenever the owner comes back.
  document.addEventListener('visibilitychange', onChange);
  let status: PermissionStatus | undefined;
  let isActive = true;
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((result) => {
      if (!isActive) return;
      status = result;
      status.addEventListener('change', onChange);
    })
    .catch(() => undefined);
  return () => {
    isActive = false;
    document.removeEventListener('visibilitychange', onChange);
    status?.removeEventListener('change', onChange);
  };
}

export function usePushPermission(): PushPermission {
  return useSyncExternalStore(subscribe, readPushPermission, () => 'unsupported');
}
