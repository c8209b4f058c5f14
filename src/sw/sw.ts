import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import {
  registerClinicApiRoute,
  registerClinicAssetsRoute,
  registerNavigationRoute,
} from './caching.ts';
import { onActivate, onMessage } from './lifecycle.ts';
import { onNotificationClick } from './notification-click.ts';
import { onPush } from './push.ts';
import { onPushSubscriptionChange } from './push-subscription-change.ts';

declare const self: ServiceWorkerGlobalScope & {
  /** Replaced at build time by vite-plugin-pwa (injectManifest) with the build's file list. */
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerNavigationRoute();
registerClinicApiRoute();
registerClinicAssetsRoute();

self.addEventListener('message', onMessage);
self.addEventListener('activate', onActivate);
self.addEventListener('push', onPush);
self.addEventListener('notificationclick', onNotificationClick);
self.addEventListener('pushsubscriptionchange', onPushSubscriptionChange);
