import type { Kysely } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import {
  DEFAULT_PUSH_CATEGORIES,
  PUBLIC_PUSH_CATEGORIES,
  type Device,
  type PushSubscriptionInput,
  type PushUnsubscribeInput,
  type PushUnsubscribeResult,
} from '../../src/contract/push.ts';
import {
  AgeConfirmationRequiredError,
  ForbiddenError,
  type AuthContext,
} from '../auth/auth.service.ts';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { safeEqual } from '../lib/secrets.ts';
import {
  PreferenceLockedError,
  type PreferencesService,
} from '../preferences/preferences.service.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { UpdatesService } from '../updates/updates.service.ts';
import { deviceLabel, pushServiceName } from './device-label.ts';
import { checkEndpointAtSubscribe, isValidAuthSecret, isValidP256dh } from './push-sender.ts';
import {
  createSubscriptionsRepository,
  toDevice,
  type SubscriptionRecord,
} from './subscriptions.repository.ts';

type Db = Kysely<DatabaseSchema>;

const ENDPOINT_REASONS: Record<string, string> = {
  'endpoint-not-a-url': 'The push endpoint is not a URL.',
  'endpoint-too-long': 'The push endpoint is too long.',
  'endpoint-not-https': 'The push endpoint must be an https:// address.',
  'endpoint-has-credentials': 'The push endpoint must not carry a user name or password.',
  'endpoint-port-not-allowed': 'The push endpoint must use the standard https port.',
  'endpoint-ip-literal': "The push endpoint must name a push service's host, not an IP address.",
  'endpoint-host-not-allowed': 'The push endpoint is not on a push service this server sends to.',
};

export class EndpointNotAllowedError extends BadRequestError {
  constructor(reason: string) {
    super(
      'endpoint-not-allowed',
      ENDPOINT_REASONS[reason] ?? 'This push endpoint is not allowed.',
      { reason },
    );
  }
}

export class InvalidKeysError extends BadRequestError {
  constructor(which: 'p256dh' | 'auth') {
    super(
      'invalid-keys',
      which === 'p256dh'
        ? 'The subscription key p256dh must be an uncompressed P-256 public key (65 bytes, base64url).'
        : 'The subscription secret auth must be 16 bytes, base64url.',
      { key: which },
    );
  }
}

export class CategoryNotPublicError extends BadRequestError {
  constructor(category: Category) {
    super(
      'category-not-public',
      `Without an account a device can receive ${PUBLIC_PUSH_CATEGORIES.join(' and ')}, not ${category}. Sign in to choose more.`,
      { category },
    );
  }
}

export class NoCategoriesError extends BadRequestError {
  constructor() {
    super('no-categories', 'Choose at least one kind of update for this device to receive.');
  }
}

export class SubscriptionNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such push subscription for this device.');
  }
}

export interface PushServiceDeps {
  db: Db;
  clock: Clock;
  clinics: ClinicsService;
  preferences: PreferencesService;
  updates: UpdatesService;
  rateLimiter: RateLimiter;
  vapidPublicKey: string;
  allowedOrigins: readonly string[];
}

/**
 * Subscribing writes rows without a session, so it is bounded per address: far above what the
 * phones of one clinic's waiting room behind one NAT do, far below filling a disk.
 */
const SUBSCRIBE_LIMIT = { limit: 60, windowMs: 10 * 60_000 };

/** Test notifications: enough to try a device a few times, not enough to spam one. */
const TEST_LIMITS = {
  perDevice: { limit: 3, windowMs: 10 * 60_000 },
  perOwner: { limit: 10, windowMs: 60 * 60_000 },
};

export function createPushService(deps: PushServiceDeps) {
  const { db, clock, clinics, preferences } = deps;
  const repo = createSubscriptionsRepository(db);

  /** The signed-in owner a device is linked to, or null for an anonymous device. */
  function ownerFor(context: AuthContext | null, clinic: ClinicRecord) {
    if (!context || context.user.role !== 'owner') return null;
    if (context.clinic.id !== clinic.id) {
      throw new ForbiddenError(
        'wrong-clinic',
        "You are signed in to another clinic's app; sign in here to subscribe this device.",
      );
    }
    if (!context.user.isAgeConfirmed) throw new AgeConfirmationRequiredError();
    return { id: context.user.id, clinicId: clinic.id };
  }

  function checkSubscription(input: PushSubscriptionInput, allowedOrigins: readonly string[]) {
    const { endpoint, keys } = input.subscription;
    const verdict = checkEndpointAtSubscribe(endpoint, allowedOrigins);
    if (!verdict.ok) throw new EndpointNotAllowedError(verdict.reason);
    if (!isValidP256dh(keys.p256dh)) throw new InvalidKeysError('p256dh');
    if (!isValidAuthSecret(keys.auth)) throw new InvalidKeysError('auth');
  }

  /** An owner's own device, or one whose endpoint the caller proves to hold. */
  async function requireDevice(
    id: number,
    proof: { ownerId?: number | undefined; endpoint?: string | undefined; clinicId?: number },
  ): Promise<SubscriptionRecord> {
    const device = await repo.find(id);
    const isMine =
      device !== undefined && proof.ownerId !== undefined && device.userId === proof.ownerId;
    const holdsEndpoint =
      device !== undefined &&
      proof.endpoint !== undefined &&
      safeEqual(proof.endpoint, device.endpoint);
    if (
      !device ||
      (proof.clinicId !== undefined && device.clinicId !== proof.clinicId) ||
      !(isMine || holdsEndpoint)
    ) {
      // The same answer for "no such device" and "not yours": ids reveal nothing.
      throw new SubscriptionNotFoundError();
    }
    return device;
  }

  return {
    vapidPublicKey: () => deps.vapidPublicKey,

    /**
     * Subscribes a device, or updates it when its endpoint is already known here.
     *
     * - Anonymous: the device gets exactly the categories given (default: clinic news), which
     *   must be public ones; a re-subscription replaces them.
     * - Signed-in owner: the device is linked to the owner, whose push preferences govern it.
     *   Each category given is switched on for push, a consent event with source `app`;
     *   subscribing never switches anything off (a re-subscription sent by the service worker
     *   must not undo a choice the owner made on another device), and a locked cell (service,
     *   or one a hold forces off) is left as it is.
     */
    async subscribe(
      clinicSlug: string,
      context: AuthContext | null,
      input: PushSubscriptionInput,
      client: { userAgent: string | undefined; ip: string },
    ): Promise<{ id: number }> {
      const clinic = await clinics.require(clinicSlug);
      checkSubscription(input, deps.allowedOrigins);
      await deps.rateLimiter.hit({ key: `push-subscribe:ip:${client.ip}`, ...SUBSCRIBE_LIMIT });
      const owner = ownerFor(context, clinic);
      // An owner's device subscribed again (a rotated subscription) lists no categories: it
      // must not switch on what the owner turned off.
      const chosen = [...new Set(input.categories ?? (owner ? [] : DEFAULT_PUSH_CATEGORIES))];
      if (!owner) {
        if (chosen.length === 0) throw new NoCategoriesError();
        const notPublic = chosen.find(
          (c) => !(PUBLIC_PUSH_CATEGORIES as readonly string[]).includes(c),
        );
        if (notPublic) throw new CategoryNotPublicError(notPublic);
      }
      const { endpoint, keys } = input.subscription;
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        if (owner && chosen.length > 0) {
          await preferences.setCells(
            owner,
            chosen.map((category) => ({ category, channel: 'push' as const, enabled: true })),
            { source: 'app' },
            { trx },
          );
        }
        const txRepo = createSubscriptionsRepository(trx);
        const subscriptionId = await txRepo.upsert(
          {
            clinicId: clinic.id,
            userId: owner?.id ?? null,
            endpoint,
            keys: { p256dh: keys.p256dh, auth: keys.auth },
            vapidPublicKey: deps.vapidPublicKey,
            label: deviceLabel(client.userAgent),
            pushService: pushServiceName(endpoint),
          },
          now,
        );
        await txRepo.replaceCategories(subscriptionId, owner ? [] : chosen);
        return subscriptionId;
      });
      return { id };
    },

    /**
     * Removes a device: the signed-in owner's own, or any whose endpoint the caller holds
     * (an anonymous device, or a device whose owner signed out). Nobody else's.
     */
    async unsubscribe(
      clinicSlug: string,
      id: number,
      context: AuthContext | null,
      endpoint: string | undefined,
    ): Promise<void> {
      const clinic = await clinics.require(clinicSlug);
      const ownerId =
        context?.user.role === 'owner' && context.clinic.id === clinic.id
          ? context.user.id
          : undefined;
      const device = await requireDevice(id, { ownerId, endpoint, clinicId: clinic.id });
      await db
        .transaction()
        .execute((trx) => createSubscriptionsRepository(trx).remove([device.id], clock.now()));
    },

    /**
     * A notification's Unsubscribe action, from the service worker with the app closed. The
     * endpoint is the proof, and only the sending clinic's devices change. An owner's device: the category goes off for push in the owner's
     * preferences (a consent event with source `push-action`), on all their devices. An
     * anonymous device: the category is removed from it.
     */
    async unsubscribeFromAction(input: PushUnsubscribeInput): Promise<PushUnsubscribeResult> {
      const clinic = await clinics.require(input.clinic);
      const devices = (await repo.findByEndpoint(input.endpoint)).filter(
        (device) => device.clinicId === clinic.id,
      );
      if (devices.length === 0) throw new SubscriptionNotFoundError();
      let isChanged = false;
      await db.transaction().execute(async (trx) => {
        const txRepo = createSubscriptionsRepository(trx);
        for (const device of devices) {
          if (device.userId === null) {
            isChanged = (await txRepo.removeCategory(device.id, input.category)) || isChanged;
            continue;
          }
          const { changed, locked } = await preferences.setCells(
            { id: device.userId, clinicId: device.clinicId },
            [{ category: input.category, channel: 'push', enabled: false }],
            { source: 'push-action' },
            { trx },
          );
          const cell = locked[0];
          if (cell) throw new PreferenceLockedError(cell);
          isChanged = changed.length > 0 || isChanged;
        }
      });
      return { category: input.category, channel: 'push', enabled: false, changed: isChanged };
    },

    async devices(context: AuthContext): Promise<Device[]> {
      return (await repo.listForUser(context.user.id)).map(toDevice);
    },

    async removeDevice(context: AuthContext, id: number): Promise<void> {
      const device = await requireDevice(id, { ownerId: context.user.id });
      await db
        .transaction()
        .execute((trx) => createSubscriptionsRepository(trx).remove([device.id], clock.now()));
    },

    /** "Send me a test notification" to one of the owner's devices. */
    async sendTest(context: AuthContext, id: number): Promise<{ id: number }> {
      const device = await requireDevice(id, { ownerId: context.user.id });
      await deps.rateLimiter.hit(
        { key: `push-test:device:${device.id}`, ...TEST_LIMITS.perDevice },
        { key: `push-test:owner:${context.user.id}`, ...TEST_LIMITS.perOwner },
      );
      return deps.updates.sendTest(context.clinic, device.id, {
        title: 'Test notification',
        body: `Notifications from ${context.clinic.name} reach this device.`,
      });
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
