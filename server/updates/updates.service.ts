import type { Kysely } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import {
  MAX_PUSH_PAYLOAD_BYTES,
  MAX_UPDATE_TEXT_LENGTH,
  MAX_UPDATE_TITLE_LENGTH,
  type InboxItem,
  type UpdateDetail,
  type UpdateInput,
  type UpdateSummary,
  type Urgency,
  widestPushPayloadBytes,
} from '../../src/contract/push.ts';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { BadRequestError, DomainError, NotFoundError } from '../errors.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import { createUpdatesRepository, type NewUpdate } from './updates.repository.ts';

type Db = Kysely<DatabaseSchema>;

export class PayloadTooLargeError extends DomainError {
  /** `isLowerBound`: the text alone is that large; the payload would be larger still. */
  constructor(bytes: number, isLowerBound = false) {
    super(
      413,
      'payload-too-large',
      `This update would be ${isLowerBound ? 'more than ' : ''}${bytes} bytes as a push message; Web Push allows ${MAX_PUSH_PAYLOAD_BYTES} before encryption. Shorten the title or the text.`,
      { bytes, limit: MAX_PUSH_PAYLOAD_BYTES },
    );
  }
}

export class TitleTooLongError extends BadRequestError {
  constructor() {
    super(
      'invalid-request',
      `The title is not valid: a notification title has at most ${MAX_UPDATE_TITLE_LENGTH} characters.`,
      { field: 'title', limit: MAX_UPDATE_TITLE_LENGTH },
    );
  }
}

/**
 * Refuses title and body text beyond the sanity bound before the schema sees it, so that even
 * an absurd update is answered 413 `payload-too-large`, like any other too large for Web Push.
 */
export function checkUpdateTextBound(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const { title, body } = input as { title?: unknown; body?: unknown };
  const texts = [title, body].filter((v): v is string => typeof v === 'string');
  if (texts.some((text) => text.length > MAX_UPDATE_TEXT_LENGTH)) {
    throw new PayloadTooLargeError(
      texts.reduce((n, text) => n + Buffer.byteLength(text, 'utf8'), 0),
      true,
    );
  }
}

export class UrlOutsideClinicError extends BadRequestError {
  constructor(slug: string) {
    super(
      'url-outside-clinic',
      `The link must be a page of the clinic's app, a path starting with /c/${slug}/.`,
    );
  }
}

export class ServiceBroadcastError extends BadRequestError {
  constructor() {
    super(
      'category-not-allowed',
      'Service messages go to one owner at a time and cannot be sent to everyone. Use clinic news for announcements.',
    );
  }
}

export class UpdateNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such update at this clinic.');
  }
}

/** What the requests module (and others) send to one owner: a service notice, usually. */
export interface OwnerNotice {
  title: string;
  body: string;
  /** A path inside the owner's clinic app, e.g. `/c/dr-kim/requests/12`. */
  url?: string | undefined;
  category: Category;
}

/** RFC 8030 §5.2: how long the push service keeps an undelivered message. */
const DEFAULT_TTL_SECONDS = 24 * 3600;

/**
 * A link an update opens, inside the clinic's scope (the notification click opens it in the
 * app), as a path: a full URL of another site, or `//host`, would lead the owner away.
 */
export function normalizeUpdateUrl(url: string, clinicSlug: string): string {
  const base = 'https://app.invalid';
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new UrlOutsideClinicError(clinicSlug);
  }
  const scope = `/c/${clinicSlug}/`;
  const isPath = url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
  const path = parsed.pathname === `/c/${clinicSlug}` ? scope : parsed.pathname;
  if (!isPath || parsed.origin !== base || !path.startsWith(scope)) {
    throw new UrlOutsideClinicError(clinicSlug);
  }
  return path + parsed.search + parsed.hash;
}

export interface UpdatesServiceDeps {
  db: Db;
  clock: Clock;
  preferences: PreferencesService;
  /** Wakes the push outbox once something is queued. */
  onQueued: () => void;
}

export function createUpdatesService(deps: UpdatesServiceDeps) {
  const { db, clock, preferences } = deps;
  const repo = createUpdatesRepository(db);

  function checkSize(fields: {
    clinic: string;
    title: string;
    body: string;
    url: string | null;
    category: Category;
    now: Date;
  }) {
    const bytes = widestPushPayloadBytes({
      clinic: fields.clinic,
      title: fields.title,
      body: fields.body,
      url: fields.url,
      category: fields.category,
      sentAt: fields.now.toISOString(),
    });
    if (bytes > MAX_PUSH_PAYLOAD_BYTES) throw new PayloadTooLargeError(bytes);
  }

  async function requireClinicUpdate(clinic: ClinicRecord, id: number) {
    const record = await repo.findClinicUpdate(clinic.id, id);
    if (!record) throw new UpdateNotFoundError();
    return record;
  }

  return {
    /**
     * A clinic update to everyone who has its category on. Only the update is written here;
     * the push outbox expands the audience into deliveries and inbox entries in batches.
     */
    async create(
      clinic: ClinicRecord,
      input: UpdateInput,
      sentBy: string,
    ): Promise<{ id: number }> {
      if (input.category === 'service') throw new ServiceBroadcastError();
      const url = input.url === undefined ? null : normalizeUpdateUrl(input.url, clinic.slug);
      const now = clock.now();
      // The size decides first: anything too large for Web Push is 413 (../shared/API.md).
      checkSize({ ...input, clinic: clinic.slug, url, now });
      if (input.title.length > MAX_UPDATE_TITLE_LENGTH) throw new TitleTooLongError();
      const update: NewUpdate = {
        clinicId: clinic.id,
        clinicSlug: clinic.slug,
        audience: 'clinic',
        recipientUserId: null,
        recipientSubscriptionId: null,
        category: input.category,
        title: input.title,
        body: input.body,
        url,
        urgency: input.urgency ?? 'normal',
        ttl: input.ttl ?? DEFAULT_TTL_SECONDS,
        sentBy,
      };
      const id = await db
        .transaction()
        .execute((trx) => createUpdatesRepository(trx).insert(update, now, 'pending'));
      deps.onQueued();
      return { id };
    },

    /**
     * One owner's notice, through the same outbox: to each of their devices if the category
     * is on for push, and into their inbox if it is on for any channel (service always is).
     * Give `trx` to queue it with the change that causes it. Returns the update's id, or null
     * when the owner is not an open account (erased, or not an owner).
     */
    async notifyOwner(
      userId: number,
      notice: OwnerNotice,
      options: { trx?: Db | undefined; urgency?: Urgency } = {},
    ): Promise<number | null> {
      const run = async (trx: Db) => {
        const owner = await trx
          .selectFrom('users as u')
          .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
          .select(['u.id', 'u.role', 'u.status', 'u.clinic_id', 'c.slug'])
          .where('u.id', '=', userId)
          .executeTakeFirst();
        if (!owner || owner.role !== 'owner' || owner.status !== 'active') return null;
        const now = clock.now();
        const url = notice.url === undefined ? null : normalizeUpdateUrl(notice.url, owner.slug);
        checkSize({ ...notice, clinic: owner.slug, url, now });
        const cells = (
          await preferences.categoryCellsFor(owner.clinic_id, [owner.id], notice.category, {
            trx,
          })
        ).get(owner.id);
        const txRepo = createUpdatesRepository(trx);
        const id = await txRepo.insert(
          {
            clinicId: owner.clinic_id,
            clinicSlug: owner.slug,
            audience: 'owner',
            recipientUserId: owner.id,
            recipientSubscriptionId: null,
            category: notice.category,
            title: notice.title,
            body: notice.body,
            url,
            urgency: options.urgency ?? 'high',
            ttl: DEFAULT_TTL_SECONDS,
            sentBy: 'system',
          },
          now,
          'done',
        );
        if (cells?.push) {
          const devices = await trx
            .selectFrom('push_subscriptions')
            .select('id')
            .where('user_id', '=', owner.id)
            .where('clinic_id', '=', owner.clinic_id)
            .execute();
          await txRepo.insertDeliveries(
            id,
            devices.map((d) => d.id),
            now,
          );
        }
        if (cells && Object.values(cells).some(Boolean)) {
          await txRepo.insertInbox(owner.id, id, now);
        }
        await txRepo.completeIfNothingPending(id, now);
        return id;
      };
      const id = options.trx ? await run(options.trx) : await db.transaction().execute(run);
      if (id !== null) deps.onQueued();
      return id;
    },

    /** "Send me a test notification": to one device only, and not kept in the inbox. */
    async sendTest(
      clinic: ClinicRecord,
      subscriptionId: number,
      message: { title: string; body: string },
    ): Promise<{ id: number }> {
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const txRepo = createUpdatesRepository(trx);
        const updateId = await txRepo.insert(
          {
            clinicId: clinic.id,
            clinicSlug: clinic.slug,
            audience: 'device',
            recipientUserId: null,
            recipientSubscriptionId: subscriptionId,
            category: 'service',
            title: message.title,
            body: message.body,
            url: `/c/${clinic.slug}/`,
            urgency: 'high',
            // RFC 8030 §5.2: a test that cannot arrive within minutes is no use later.
            ttl: 300,
            sentBy: 'test',
          },
          now,
          'done',
        );
        await txRepo.insertDeliveries(updateId, [subscriptionId], now);
        return updateId;
      });
      deps.onQueued();
      return { id };
    },

    async detail(clinic: ClinicRecord, id: number): Promise<UpdateDetail> {
      const record = await requireClinicUpdate(clinic, id);
      const [summary, outcomes] = await Promise.all([
        repo.summary(record),
        repo.outcomes(record.id),
      ]);
      return { ...summary, outcomes };
    },

    list: (clinic: ClinicRecord, limit = 100): Promise<UpdateSummary[]> =>
      repo.listClinicUpdates(clinic.id, limit),

    inbox: (userId: number, limit = 200): Promise<InboxItem[]> => repo.inbox(userId, limit),
  };
}

export type UpdatesService = ReturnType<typeof createUpdatesService>;
