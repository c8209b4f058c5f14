import type { Category } from '../../src/contract/preferences.ts';
import type { MailMessage } from '../mail/mailer.ts';

/** RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the URL. */
export function unsubscribeHeaders(oneClickUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${oneClickUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export interface UnsubscribeLinks {
  /** For the List-Unsubscribe header: a POST here unsubscribes, no session needed. */
  oneClickUrl: string;
  /** For people: the app's page, which says what the link turns off and asks to confirm. */
  pageUrl: string;
}

export function unsubscribeLinks(origin: string, clinicSlug: string, token: string) {
  const seg = encodeURIComponent;
  return {
    oneClickUrl: `${origin}/api/unsubscribe/${seg(token)}`,
    pageUrl: `${origin}/c/${seg(clinicSlug)}/unsubscribe/${seg(token)}`,
  } satisfies UnsubscribeLinks;
}

const CATEGORY_NAMES: Record<Exclude<Category, 'service'>, string> = {
  reminders: 'appointment reminder',
  'clinic-news': 'clinic news',
  marketing: 'offers and promotions',
  surveys: 'survey',
  'partner-offers': 'partner offer',
};

export interface OwnerMessage {
  to: string;
  subject: string;
  text: string;
  category: Exclude<Category, 'service'>;
  clinic: { slug: string; name: string; contactEmail: string };
  links: UnsubscribeLinks;
  preferencesUrl: string;
}

/**
 * A message an owner chose to receive. The way out is in the message itself (GDPR Art. 7(3),
 * CAN-SPAM): one-click in the headers, and a plain link in the text for everyone else.
 */
export function ownerMessageMail(message: OwnerMessage): MailMessage {
  const name = CATEGORY_NAMES[message.category];
  return {
    to: message.to,
    subject: message.subject,
    text:
      `${message.text.trimEnd()}\n\n—\n${message.clinic.name}\n` +
      `You get this because ${name} emails are on for you.\n` +
      `Stop ${name} emails (one click, no sign-in): ${message.links.pageUrl}\n` +
      `Choose what you get: ${message.preferencesUrl}\n` +
      `Questions about your data: ${message.clinic.contactEmail}\n`,
    headers: unsubscribeHeaders(message.links.oneClickUrl),
  };
}
