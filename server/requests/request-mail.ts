import type { RequestType } from '../../src/contract/requests.ts';
import type { MailMessage } from '../mail/mailer.ts';
import type { RequestRecord } from './requests.repository.ts';

/*
 * What owners, people without an account and agents are told about a request: the receipt,
 * each status change, and identity codes. These are service messages (the request is theirs),
 * so they carry no unsubscribe link. Dates are the clinic's local dates.
 */

export interface ClinicInfo {
  slug: string;
  name: string;
  contactEmail: string;
  timeZone: string;
}

export const TYPE_NAMES: Record<RequestType, string> = {
  access: 'a copy of your data (access)',
  portability: 'your data to take elsewhere (portability)',
  rectification: 'a correction of your data (rectification)',
  erasure: 'deletion of your account and data (erasure)',
  restriction: 'a restriction of how your data is used (restriction)',
  objection: 'an objection to direct marketing (objection)',
};

const REGIME_NAMES = {
  gdpr: 'the GDPR',
  ccpa: 'the CCPA',
  'gdpr+ccpa': 'the GDPR and the CCPA (the earlier date applies)',
} as const;

/** GDPR Art. 12(4): a refusal states the right to complain and to seek a judicial remedy. */
export const RIGHT_TO_COMPLAIN =
  'You have the right to lodge a complaint with a data protection supervisory authority (in the ' +
  'EU, the authority where you live, work, or where the issue arose; in California, the ' +
  'California Privacy Protection Agency or the Attorney General), and to seek a judicial ' +
  'remedy before the courts.';

/** "Wed 23 Dec 2026": the clinic's local date. */
export function formatDate(instant: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "Mon 23 Nov 2026, 09:00 PST": the clinic's local time, with the zone's abbreviation. */
export function formatDateTime(instant: string | Date, timeZone: string): string {
  const date = new Date(instant);
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
  return `${formatDate(date, timeZone)}, ${time}`;
}

/** A short plain-words note of what happens next, for the receipt and the app. */
export function nextStepsFor(request: RequestRecord, timeZone: string): string {
  const due = formatDate(request.extendedDueAt ?? request.dueAt, timeZone);
  switch (request.status) {
    case 'completed':
      return request.type === 'access' || request.type === 'portability'
        ? 'Done. Your data is attached to this request: download it from the app.'
        : 'Done. The clinic has answered your request.';
    case 'denied':
      return `The clinic refused this request, with its reasons. ${RIGHT_TO_COMPLAIN}`;
    default:
      break;
  }
  if (request.verification === 'awaiting-owner') {
    return 'Someone acting for you filed this request. Nothing happens until you confirm it in the app or with the code we sent you.';
  }
  if (request.verification === 'awaiting-code') {
    return 'Enter the code we sent to the contact the clinic holds for you, so the clinic knows it is you.';
  }
  if (request.verification === 'awaiting-staff') {
    return `The clinic will check who you are, then answer by ${due}.`;
  }
  switch (request.type) {
    case 'objection':
      return 'Every marketing message is off on every channel, at once. The clinic confirms it in writing.';
    case 'restriction':
      return `Only service messages are sent to you while the restriction stands. The clinic answers by ${due} and tells you before it lifts the restriction.`;
    case 'erasure':
      return `The clinic will delete your account and data by ${due}, unless the law requires it to keep something, which it will explain. Until then you can still sign in.`;
    case 'rectification':
      return `Staff review the corrections you asked for and answer by ${due}.`;
    default:
      return `The clinic answers by ${due}${request.status === 'extended' ? ' (extended)' : ''}. You will get an email at each step.`;
  }
}

const footer = (clinic: ClinicInfo) =>
  `\n\n—\n${clinic.name}\nQuestions about your data: ${clinic.contactEmail}\n`;

function receiptLines(request: RequestRecord, clinic: ClinicInfo): string {
  const lines = [
    `Reference: ${request.reference}`,
    `Request: ${TYPE_NAMES[request.type]}`,
    `Received: ${formatDateTime(request.receivedAt, clinic.timeZone)}`,
    `Under: ${REGIME_NAMES[request.regime]}`,
  ];
  if (request.acknowledgeBy) {
    lines.push(`Acknowledged by: ${formatDate(request.acknowledgeBy, clinic.timeZone)}`);
  }
  lines.push(`Answer due by: ${formatDate(request.dueAt, clinic.timeZone)}`);
  return lines.join('\n');
}

export function receiptMail(
  to: string,
  request: RequestRecord,
  clinic: ClinicInfo,
  requestUrl: string,
): MailMessage {
  return {
    to,
    subject: `We received your privacy request ${request.reference}`,
    text:
      `${clinic.name} received your privacy request.\n\n${receiptLines(request, clinic)}\n\n` +
      `What happens next: ${nextStepsFor(request, clinic.timeZone)}\n\n` +
      `Follow it in the app: ${requestUrl}` +
      footer(clinic),
  };
}

/** A receipt for an agent: the reference and dates, nothing about the person. */
export function agentReceiptMail(
  to: string,
  request: RequestRecord,
  clinic: ClinicInfo,
): MailMessage {
  return {
    to,
    subject: `Privacy request ${request.reference} received`,
    text:
      `${clinic.name} received the privacy request you filed as an authorized agent.\n\n` +
      `${receiptLines(request, clinic)}\n\n` +
      'If the clinic holds a contact for the person you act for, it asks them to confirm the ' +
      'request directly. It goes ahead once they do.' +
      footer(clinic),
  };
}

export type StatusChange = 'verified' | 'in-progress' | 'extended' | 'completed' | 'denied';

export function statusMail(
  to: string,
  request: RequestRecord,
  change: StatusChange,
  clinic: ClinicInfo,
  requestUrl: string,
): MailMessage {
  const tz = clinic.timeZone;
  const ref = request.reference;
  const texts: Record<StatusChange, { subject: string; body: string }> = {
    verified: {
      subject: `Privacy request ${ref}: your identity is confirmed`,
      body: `We confirmed it is you. The answer is due by ${formatDate(request.dueAt, tz)}.`,
    },
    'in-progress': {
      subject: `Privacy request ${ref} is being worked on`,
      body: `Staff are working on your request. The answer is due by ${formatDate(request.extendedDueAt ?? request.dueAt, tz)}.`,
    },
    extended: {
      subject: `Privacy request ${ref}: more time is needed`,
      body:
        `The clinic needs more time to answer, as the law allows once. The new date is ` +
        `${formatDate(request.extendedDueAt ?? request.dueAt, tz)}.\n\nWhy: ${request.extensionReason ?? ''}`,
    },
    completed: {
      subject: `Privacy request ${ref} is complete`,
      body:
        (request.type === 'erasure'
          ? 'Your account and personal data have been deleted. This is the last message we send you.'
          : request.type === 'access' || request.type === 'portability'
            ? 'Your data is ready: download it from this request in the app (you confirm it is you with a code first).'
            : request.type === 'restriction'
              ? 'Your restriction request is closed, and the restriction is lifted: the messages you chose are sent again.'
              : 'The clinic has answered your request.') +
        (request.completionNote ? `\n\nFrom the clinic: ${request.completionNote}` : ''),
    },
    denied: {
      subject: `Privacy request ${ref} was refused`,
      body:
        `The clinic refused your request.\n\nWhy: ${request.denialReason ?? ''}\n\n${RIGHT_TO_COMPLAIN}` +
        (request.type === 'restriction'
          ? '\n\nThe restriction is lifted: the messages you chose are sent again.'
          : ''),
    },
  };
  const text = texts[change];
  const link =
    request.type === 'erasure' && change === 'completed'
      ? ''
      : `\n\nSee it in the app: ${requestUrl}`;
  return { to, subject: text.subject, text: `${text.body}${link}${footer(clinic)}` };
}

export function identityCodeMail(
  to: string,
  code: string,
  request: RequestRecord,
  clinic: ClinicInfo,
  confirmUrl: string,
  validMinutes: number,
): MailMessage {
  const byAgent = request.filedBy === 'agent';
  return {
    to,
    subject: `${code} confirms privacy request ${request.reference} at ${clinic.name}`,
    text:
      (byAgent
        ? `Someone (${request.agentName ?? 'an agent'}) filed a privacy request for you as your authorized agent: ${TYPE_NAMES[request.type]}. ` +
          'Nothing happens unless you confirm it yourself. If you asked them to, enter this code:'
        : `You filed a privacy request: ${TYPE_NAMES[request.type]}. Enter this code to confirm it is you:`) +
      `\n\n    ${code}\n\nat ${confirmUrl}\n\nReference: ${request.reference}. ` +
      `The code works for ${validMinutes} minutes. ` +
      'If you did not ask for this, ignore this message: nothing will happen.' +
      footer(clinic),
  };
}

export function identityCodeSms(
  code: string,
  request: RequestRecord,
  clinic: ClinicInfo,
  validMinutes: number,
): string {
  return (
    `${clinic.name}: ${code} confirms privacy request ${request.reference}` +
    `${request.filedBy === 'agent' ? ' filed for you by an agent' : ''}. ` +
    `Valid ${validMinutes} min. Not you? Ignore this.`
  );
}
