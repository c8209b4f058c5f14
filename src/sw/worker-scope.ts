/*
 * The parts of the service worker's world that push, notification clicks and re-subscribing
 * use, typed here rather than taken from lib.webworker: these modules are also imported by
 * their unit tests, which compile with the DOM library (test/tsconfig.json), where
 * ServiceWorkerGlobalScope is a stub and PushEvent or WindowClient do not exist. The browser's
 * own objects satisfy these shapes, so sw.ts can register the handlers as they are.
 */

/** What a push message's data offers (PushMessageData). */
export interface PushData {
  json(): unknown;
  text(): string;
}

/** ExtendableEvent: the worker stays alive until the promise settles. */
export interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface PushEventLike extends ExtendableEventLike {
  readonly data: PushData | null;
}

export interface NotificationLike {
  readonly data: unknown;
  close(): void;
}

export interface NotificationEventLike extends ExtendableEventLike {
  readonly action: string;
  readonly notification: NotificationLike;
}

/** A window of the app, as `clients.matchAll({ type: 'window' })` gives it. */
export interface WindowClientLike {
  readonly url: string;
  readonly focused: boolean;
  focus(): Promise<WindowClientLike>;
  navigate(url: string): Promise<WindowClientLike | null>;
  postMessage(message: unknown): void;
}

export interface PushSubscriptionLike {
  readonly endpoint: string;
  readonly options: { readonly applicationServerKey: ArrayBuffer | null };
  toJSON(): unknown;
}

export interface WorkerScope {
  readonly location: { readonly origin: string };
  readonly navigator: { readonly language: string };
  readonly registration: {
    showNotification(title: string, options?: NotificationOptions): Promise<void>;
    readonly pushManager: {
      getSubscription(): Promise<PushSubscriptionLike | null>;
      subscribe(options: {
        userVisibleOnly: boolean;
        applicationServerKey: ArrayBuffer | string;
      }): Promise<PushSubscriptionLike>;
    };
  };
  readonly clients: {
    matchAll(options: {
      type: 'window';
      includeUncontrolled: boolean;
    }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<WindowClientLike | null>;
  };
}

/** The worker's global scope, in the shape above. */
export function workerScope(): WorkerScope {
  return globalThis as unknown as WorkerScope;
}
