import { useSyncExternalStore } from 'react';

/**
 * Installing the app. Chromium fires `beforeinstallprompt` once, early, often before React
 * has mounted, so the listener is added when this module is first evaluated (main.tsx
 * imports it first) and the event is kept for the Install button.
 */

/** Not in lib.dom: https://wicg.github.io/manifest-incubations/#beforeinstallpromptevent-interface */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: InstallOutcome; platform: string }>;
}

export type InstallOutcome = 'accepted' | 'dismissed';

export interface InstallState {
  /** A captured prompt is waiting for the Install button. */
  canPrompt: boolean;
  /** `appinstalled` fired during this visit. */
  isInstalled: boolean;
  /** What the owner answered in the browser's install dialog, if it was shown. */
  outcome: InstallOutcome | null;
}

let deferredPrompt: BeforeInstallPromptEvent | null = null;
let state: InstallState = { canPrompt: false, isInstalled: false, outcome: null };
const listeners = new Set<() => void>();

function update(patch: Partial<InstallState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function isBeforeInstallPromptEvent(event: Event): event is BeforeInstallPromptEvent {
  return 'prompt' in event && typeof event.prompt === 'function' && 'userChoice' in event;
}

function onBeforeInstallPrompt(event: Event): void {
  if (!isBeforeInstallPromptEvent(event)) return;
  // Keep the browser's mini-infobar away; the app offers installation in its own banner.
  event.preventDefault();
  deferredPrompt = event;
  update({ canPrompt: true });
}

function onAppInstalled(): void {
  deferredPrompt = null;
  update({ canPrompt: false, isInstalled: true });
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', onBeforeInstallPrompt);
  window.addEventListener('appinstalled', onAppInstalled);
}

/** Shows the browser's install dialog. A captured event can be used once only. */
export async function promptInstall(): Promise<InstallOutcome | 'unavailable'> {
  const event = deferredPrompt;
  if (!event) return 'unavailable';
  deferredPrompt = null;
  update({ canPrompt: false });
  await event.prompt();
  const { outcome } = await event.userChoice;
  update({ outcome });
  return outcome;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useInstallState(): InstallState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** Already running as an installed app (Android/desktop display mode, or iOS home screen). */
export function isStandalone(): boolean {
  const media = (query: string) =>
    typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return (
    media('(display-mode: standalone)') || media('(display-mode: fullscreen)') || iosStandalone
  );
}

/**
 * iOS Safari never fires `beforeinstallprompt`; installing goes through Share → Add to Home
 * Screen. iPadOS 13+ sends a desktop Mac user agent, so a touch screen gives it away.
 * Other iOS browsers name themselves (CriOS, FxiOS, EdgiOS …) and are not Safari.
 */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  const isIos =
    /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  if (!isIos) return false;
  const isSafari = /Safari\//.test(userAgent) && /Version\//.test(userAgent);
  const isOtherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS|OPT\/|DuckDuckGo|GSA\/|FBAN|FBAV|Instagram/.test(
    userAgent,
  );
  return isSafari && !isOtherBrowser;
}
