import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { generateVapidKeyPair } from '../../../server/push/vapid-config.ts';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('push configuration', () => {
  test('nothing set: keys are generated later, the subject defaults later, no extra origins', () => {
    const config = loadConfig({});
    expect(config.vapidKeys).toBeUndefined();
    expect(config.vapidSubject).toBeUndefined();
    expect(config.pushAllowedOrigins).toEqual([]);
  });

  test('a VAPID key pair, a subject and allowed origins are read and normalised', () => {
    const keys = generateVapidKeyPair();
    const config = loadConfig({
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'https://dr-kim.example/contact',
      PUSH_ALLOWED_ORIGINS:
        ' https://Push.Example.com:8443 , https://127.0.0.1:9443/,https://push.example.com:443',
    });
    expect(config.vapidKeys).toEqual(keys);
    expect(config.vapidSubject).toBe('https://dr-kim.example/contact');
    expect(config.pushAllowedOrigins).toEqual([
      'https://push.example.com:8443',
      'https://127.0.0.1:9443',
      'https://push.example.com',
    ]);
  });

  test('the two VAPID keys go together', () => {
    const keys = generateVapidKeyPair();
    expect(problemsOf({ VAPID_PUBLIC_KEY: keys.publicKey })).toMatch(
      /^VAPID_PRIVATE_KEY: .*together/m,
    );
    expect(problemsOf({ VAPID_PRIVATE_KEY: keys.privateKey })).toMatch(
      /^VAPID_PUBLIC_KEY: .*together/m,
    );
  });

  test('keys that are malformed, or that do not belong together, stop the boot', () => {
    const keys = generateVapidKeyPair();
    const other = generateVapidKeyPair();
    expect(
      problemsOf({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: other.privateKey }),
    ).toMatch(/^VAPID_PRIVATE_KEY: does not belong to VAPID_PUBLIC_KEY/m);
    const short = crypto.randomBytes(33).toString('base64url');
    const malformed = problemsOf({ VAPID_PUBLIC_KEY: short, VAPID_PRIVATE_KEY: 'not*base64' });
    expect(malformed).toMatch(/^VAPID_PUBLIC_KEY: must be base64url of a 65-byte/m);
    expect(malformed).toMatch(/^VAPID_PRIVATE_KEY: must be base64url of a 32-byte/m);
  });

  test('the subject must be a mailto: or https: URL, and never localhost (Apple refuses it)', () => {
    expect(loadConfig({ VAPID_SUBJECT: 'mailto:privacy@dr-kim.example' }).vapidSubject).toBe(
      'mailto:privacy@dr-kim.example',
    );
    for (const subject of [
      'privacy@dr-kim.example',
      'http://dr-kim.example',
      'mailto:not-an-address',
      'mailto:admin@localhost',
      'https://localhost:8080',
      'https://app.localhost/',
    ]) {
      expect(problemsOf({ VAPID_SUBJECT: subject }), subject).toMatch(/^VAPID_SUBJECT: /m);
    }
  });

  test('allowed push origins must be https origins, and every bad one is listed', () => {
    const problems = problemsOf({
      PUSH_ALLOWED_ORIGINS:
        'http://push.example,https://push.example/path,not a url,https://u:p@push.example',
      PORT: 'eighty',
    });
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^PUSH_ALLOWED_ORIGINS: "http:\/\/push.example"/m);
    expect(problems).toMatch(/^PUSH_ALLOWED_ORIGINS: "https:\/\/push.example\/path"/m);
    expect(problems).toMatch(/^PUSH_ALLOWED_ORIGINS: "not a url"/m);
    expect(problems).toMatch(/^PUSH_ALLOWED_ORIGINS: "https:\/\/u:p@push.example"/m);
  });
});
