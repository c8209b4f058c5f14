import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers, e.g. RFC 8058's List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

/** Delivers one message or throws; retries belong to the outbox, not to the transport. */
export interface Mailer {
  send(message: MailMessage & { from: string }): Promise<void>;
  close?(): void;
}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, {});
  return {
    async send(message) {
      await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        headers: message.headers ?? {},
      });
    },
    close: () => transport.close(),
  };
}

/**
 * With no SMTP server configured, mail is printed to the terminal, so a new user running
 * `npm start` can read their sign-in code.
 */
export function createConsoleMailer(
  write: (text: string) => void = (t) => process.stdout.write(t),
): Mailer {
  return {
    async send(message) {
      const rule = '─'.repeat(64);
      const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
      write(
        [
          '',
          rule,
          `Mail to ${message.to} (no SMTP_URL set, so it is printed here)`,
          `From: ${message.from}`,
          `Subject: ${message.subject}`,
          ...headers,
          '',
          message.text.trimEnd(),
          rule,
          '',
        ].join('\n'),
      );
    },
  };
}
