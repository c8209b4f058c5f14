import {
  CategorySchema,
  ChannelSchema,
  type Category,
  type Channel,
} from '../../src/contract/preferences.ts';
import { hmac, safeEqual } from '../lib/secrets.ts';

/** What an unsubscribe link stands for: this owner, this category, this channel. */
export interface UnsubscribeClaim {
  userId: number;
  category: Category;
  channel: Channel;
  issuedAt: Date;
}

/** Bumped if the payload's layout ever changes, so old links are still read correctly. */
const FORMAT = 'u1';

/*
 * A link works without a session and without a database row: the payload is signed with
 * HMAC-SHA256 under the deployment's `unsubscribe` secret, so only we can mint one, and it
 * cannot be altered to unsubscribe someone else. It never expires: CAN-SPAM wants the opt-out
 * to keep working for at least 30 days after sending, and an old link that still switches a
 * message off harms nobody. The issue time is kept for audits and for any future rotation.
 *
 * token = base64url(payload) "." base64url(HMAC(payload)), payload = u1.<user>.<category>.<channel>.<issued, base-36 s>
 */

export function signUnsubscribeToken(secret: Buffer, claim: UnsubscribeClaim): string {
  const payload = [
    FORMAT,
    String(claim.userId),
    claim.category,
    claim.channel,
    Math.floor(claim.issuedAt.getTime() / 1000).toString(36),
  ].join('.');
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${hmac(secret, 'unsubscribe', payload)}`;
}

/** The claim of a genuine token, or null for anything we did not sign. */
export function verifyUnsubscribeToken(secret: Buffer, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encoded, signature] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!safeEqual(signature, hmac(secret, 'unsubscribe', payload))) return null;
  const match = /^u1\.(\d{1,15})\.([a-z-]+)\.([a-z]+)\.([0-9a-z]{1,12})$/.exec(payload);
  if (!match) return null;
  const category = CategorySchema.safeParse(match[2]);
  const channel = ChannelSchema.safeParse(match[3]);
  if (!category.success || !channel.success) return null;
  return {
    userId: Number(match[1]),
    category: category.data,
    channel: channel.data,
    issuedAt: new Date(parseInt(match[4] as string, 36) * 1000),
  };
}
