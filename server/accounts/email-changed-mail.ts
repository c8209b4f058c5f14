import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { MailMessage } from '../mail/mailer.ts';

/**
 * "m•••@e•••.com": enough for the owner to recognise their own new address, but the old
 * mailbox may be one they are leaving because someone else can read it (a shared or former
 * family address), so it is not told where the account went.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}•••@${host.slice(0, 1)}•••${tld}`;
}

/**
 * Told to the OLD address after a change: if someone else changed it (a stolen phone, a
 * session left open), this is the owner's only warning, and it says whom to contact.
 */
export function emailChangedNotice(input: {
  to: string;
  newEmail: string;
  clinic: Pick<ClinicRecord, 'name' | 'contactEmail' | 'timeZone'>;
  at: Date;
}): MailMessage {
  const { clinic } = input;
  const when = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: clinic.timeZone,
    timeZoneName: 'short',
  }).format(input.at);
  return {
    to: input.to,
    subject: `Your email address at ${clinic.name} was changed`,
    text:
      `The email address of your ${clinic.name} account was changed on ${when}, ` +
      `from this address to ${maskEmail(input.newEmail)}. From now on, sign-in codes and ` +
      `messages go to the new address.\n\n` +
      `If you did not do this, contact ${clinic.name} at ${clinic.contactEmail} straight away.` +
      `\n\n—\n${clinic.name}\nQuestions about your data: ${clinic.contactEmail}\n`,
  };
}
