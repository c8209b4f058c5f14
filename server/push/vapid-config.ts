import crypto from 'node:crypto';
import { decodeBase64Url } from './sender/keys.ts';

/*
 * Checks of the push settings in the environment, for server/config.ts: they run at boot, so a
 * bad key or subject stops the server with the list of problems instead of failing every send.
 */

const isLocalhost = (host: string) => {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
};

/**
 * RFC 8292 §2.1: the subject is a `mailto:` or `https:` URI the push service can reach the
 * sender at. Apple's push service refuses `localhost` ones (403 BadJwtToken), so they are
 * refused here, where the operator sees it.
 */
export function checkVapidSubject(subject: string): string | null {
  if (subject.startsWith('mailto:')) {
    const address = decodeURIComponent(subject.slice('mailto:'.length).split('?')[0] ?? '');
    const at = address.lastIndexOf('@');
    if (at < 1 || at === address.length - 1 || /\s/.test(address)) {
      return 'must be mailto: followed by an email address, e.g. mailto:privacy@clinic.example';
    }
    if (isLocalhost(address.slice(at + 1))) {
      return 'must not be a localhost address: Apple refuses such subjects';
    }
    return null;
  }
  if (subject.startsWith('https:')) {
    let url: URL;
    try {
      url = new URL(subject);
    } catch {
      return 'must be a mailto: or https: URL';
    }
    if (isLocalhost(url.hostname)) {
      return 'must not be a localhost URL: Apple refuses such subjects';
    }
    return null;
  }
  return 'must be a mailto: or https: URL';
}

/** Both keys base64url: the public one an uncompressed P-256 point, the private one its scalar. */
export function checkVapidKeyPair(publicKey: string, privateKey: string): string[] {
  const problems: string[] = [];
  const pub = decodeBase64Url(publicKey);
  const priv = decodeBase64Url(privateKey);
  if (!pub || pub.length !== 65 || pub[0] !== 0x04) {
    problems.push(
      'VAPID_PUBLIC_KEY: must be base64url of a 65-byte uncompressed P-256 public key (as web-push generate-vapid-keys prints)',
    );
  }
  if (!priv || priv.length !== 32) {
    problems.push('VAPID_PRIVATE_KEY: must be base64url of a 32-byte P-256 private key');
  }
  if (problems.length > 0 || !pub || !priv) return problems;
  try {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    if (!ecdh.getPublicKey().equals(pub)) {
      problems.push('VAPID_PRIVATE_KEY: does not belong to VAPID_PUBLIC_KEY');
    }
  } catch {
    problems.push('VAPID_PRIVATE_KEY: is not a valid P-256 private key');
  }
  return problems;
}

/**
 * PUSH_ALLOWED_ORIGINS: comma-separated `https://host[:port]` origins, normalised the way URL
 * writes them (lowercase host, default port dropped), so that endpoint checks compare exactly.
 */
export function parsePushOrigins(value: string): { origins: string[]; problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      url.protocol !== 'https:' ||
      url.username !== '' ||
      url.password !== '' ||
      url.search !== '' ||
      url.hash !== '' ||
      (url.pathname !== '/' && url.pathname !== '')
    ) {
      problems.push(`"${item}" is not an origin such as https://push.example:8443`);
      continue;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { origins, problems };
}

/** A fresh P-256 key pair for VAPID, base64url, as web-push's generateVAPIDKeys() gives it. */
export function generateVapidKeyPair(): { publicKey: string; privateKey: string } {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  // getPrivateKey() drops leading zero bytes; the key is always 32 bytes on the wire.
  const priv = ecdh.getPrivateKey();
  const padded = Buffer.concat([Buffer.alloc(32 - priv.length), priv]);
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: padded.toString('base64url'),
  };
}
