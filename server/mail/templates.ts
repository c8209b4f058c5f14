import type { MailMessage } from './mailer.ts';

interface ClinicNames {
  name: string;
  contactEmail: string;
}

const footer = (clinic: ClinicNames) =>
  `\n\n—\n${clinic.name}\nQuestions about your data: ${clinic.contactEmail}\n`;

const purposeText = {
  'sign-in': {
    subject: (code: string, clinic: ClinicNames) => `${code} is your ${clinic.name} sign-in code`,
    lead: 'Use this code to sign in to the app:',
  },
  'step-up': {
    subject: (code: string, clinic: ClinicNames) => `${code} confirms it is you at ${clinic.name}`,
    lead: 'You asked to download or delete your data. Use this code to confirm it is you:',
  },
  'email-change': {
    subject: (code: string, clinic: ClinicNames) =>
      `${code} confirms your new email address at ${clinic.name}`,
    lead: 'Use this code to confirm this address as your new email address:',
  },
} as const;

/** A one-time code mail. The code leads the subject so it shows in a phone's notification. */
export function codeMail(
  purpose: keyof typeof purposeText,
  to: string,
  code: string,
  clinic: ClinicNames,
  validMinutes: number,
): MailMessage {
  const text = purposeText[purpose];
  return {
    to,
    subject: text.subject(code, clinic),
    text:
      `${text.lead}\n\n    ${code}\n\n` +
      `It works once, for ${validMinutes} minutes. If you did not ask for it, you can ignore this ` +
      `message: nobody can sign in without the code.` +
      footer(clinic),
  };
}
