export interface SmsMessage {
  /** E.164, as the gateway gave it to us. */
  to: string;
  text: string;
}

/** Delivers one text or throws; retries belong to the outbox, not to the gateway. */
export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}

/**
 * With no SMS provider wired in, texts are printed to the terminal, as mail is without
 * SMTP_URL, so STOP, START and HELP can be tried locally.
 */
export function createConsoleSmsGateway(
  write: (text: string) => void = (t) => process.stdout.write(t),
): SmsGateway {
  return {
    async send(message) {
      write(
        `\nText to ${message.to} (no SMS gateway configured, so it is printed here)\n  ${message.text}\n`,
      );
    },
  };
}
