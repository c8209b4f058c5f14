import path from 'node:path';
import { z } from 'zod';
import { checkVapidKeyPair, checkVapidSubject, parsePushOrigins } from './push/vapid-config.ts';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const optionalFile = z.preprocess(emptyAsUndefined, z.string().optional());

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('production'),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be empty (SQLite in DATA_DIR) or a postgres:// URL')
      .optional(),
  ),
  TLS_CERT_FILE: optionalFile,
  TLS_KEY_FILE: optionalFile,
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/ })
      .transform((url) => new URL(url).origin)
      .optional(),
  ),
  WEB_ROOT: z.preprocess(emptyAsUndefined, z.string().min(1).default('./dist')),
  DEFAULT_CLINIC: z.preprocess(emptyAsUndefined, z.string().min(1).default('dr-kim')),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, or empty to print mail')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().min(3).optional()),
  SMS_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters, or empty to refuse inbound SMS').optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  VAPID_PUBLIC_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  VAPID_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  VAPID_SUBJECT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        const problem = value === undefined ? null : checkVapidSubject(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  ),
  PUSH_ALLOWED_ORIGINS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        const parsed = parsePushOrigins(value ?? '');
        for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
        return parsed.origins;
      }),
  ),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** Undefined means the embedded default: a SQLite file in `dataDir`. */
  databaseUrl: string | undefined;
  tls: { certFile: string; keyFile: string } | undefined;
  /** The origin the app is published at, when it sits behind a proxy. */
  publicUrl: string | undefined;
  /** The built PWA (vite build). */
  webRoot: string;
  defaultClinic: string;
  /** Undefined: mail is printed to the terminal instead of sent. */
  smtpUrl: string | undefined;
  /** The From of every mail; defaults to the first clinic's name and contact address. */
  mailFrom: string | undefined;
  /** Shared with the SMS gateway, which signs inbound texts; undefined: inbound SMS is refused. */
  smsWebhookSecret: string | undefined;
  logLevel: string;
  /** The deployment's VAPID key pair (base64url); undefined: generated once and kept in the database. */
  vapidKeys: { publicKey: string; privateKey: string } | undefined;
  /** `mailto:` or `https:`; undefined: `mailto:` the first clinic's contact address. */
  vapidSubject: string | undefined;
  /**
   * Push service origins allowed besides the well-known ones (tests, private push services).
   * They may use any port and private or loopback addresses: the operator vouched for them.
   */
  pushAllowedOrigins: string[];
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once, at boot. Every bad variable is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      );
  // Checked apart from the schema so that it is reported alongside every other problem.
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
    const missing = env.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE';
    problems.push(`${missing}: TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither`);
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    const missing = env.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    problems.push(
      `${missing}: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither`,
    );
  } else if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    problems.push(...checkVapidKeyPair(env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY));
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE) }
        : undefined,
    publicUrl: e.PUBLIC_URL,
    webRoot: path.resolve(e.WEB_ROOT),
    defaultClinic: e.DEFAULT_CLINIC,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smsWebhookSecret: e.SMS_WEBHOOK_SECRET,
    logLevel: e.LOG_LEVEL,
    vapidKeys:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
        : undefined,
    vapidSubject: e.VAPID_SUBJECT,
    pushAllowedOrigins: e.PUSH_ALLOWED_ORIGINS,
  };
}
