import dns from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';

/** Thrown (as a connection error) when a push endpoint resolves to a refused address. */
export const ADDRESS_REFUSED = 'ERR_PUSH_ADDRESS_REFUSED';

export class AddressRefusedError extends Error {
  readonly code = ADDRESS_REFUSED;
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a private or reserved address`);
    this.name = 'AddressRefusedError';
  }
}

function ipv4ToNumber(address: string): number {
  const parts = address.split('.').map(Number);
  return (
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0
  );
}

const IPV4_REFUSED: ReadonlyArray<readonly [number, number]> = (
  [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // RFC 1918
    ['100.64.0.0', 10], // CGNAT, RFC 6598
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local, including cloud metadata at 169.254.169.254
    ['172.16.0.0', 12], // RFC 1918
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.168.0.0', 16], // RFC 1918
    ['198.18.0.0', 15], // benchmarking
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, and 255.255.255.255
  ] as const
).map(([base, bits]) => {
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return [(ipv4ToNumber(base) & mask) >>> 0, mask] as const;
});

function isRefusedIPv4(address: string): boolean {
  const value = ipv4ToNumber(address);
  return IPV4_REFUSED.some(([base, mask]) => (value & mask) >>> 0 === base);
}

/** Expands an IPv6 address (any textual form, with an optional dotted tail) to 8 hextets. */
function ipv6Hextets(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToNumber(dotted[1]);
    text =
      text.slice(0, -dotted[1].length) +
      `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const hextets = [...left, ...Array<string>(missing).fill('0'), ...right].map((h) =>
    Number.parseInt(h, 16),
  );
  return hextets.some((h) => Number.isNaN(h)) ? null : hextets;
}

function isRefusedIPv6(address: string): boolean {
  const h = ipv6Hextets(address);
  if (!h) return true;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, last = 0] = h;
  const embeddedV4 = `${g >>> 8}.${g & 0xff}.${last >>> 8}.${last & 0xff}`;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
    // ::, ::1, IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d): an
    // attacker's AAAA record can point at loopback or the metadata service this way.
    if (f === 0 || f === 0xffff) return true;
  }
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return isRefusedIPv4(embeddedV4); // NAT64, RFC 6052
  }
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xffc0) === 0xfec0) return true; // deprecated site-local fec0::/10
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  return false;
}

/** Private, loopback, link-local, CGNAT and other non-public addresses. */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address.split('%')[0] ?? '');
  if (family === 4) return isRefusedIPv4(address);
  if (family === 6) return isRefusedIPv6(address);
  return true;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that resolves at connection time and refuses the
 * connection when any answer is a refused address. Refusing on any (not just
 * filtering) leaves no room for a DNS answer that mixes a public decoy with an
 * internal target. Node calls it with `all: true` when autoSelectFamily is on.
 */
export function createGuardedLookup(): (
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
) => void {
  return (hostname, options, callback) => {
    const all: LookupAllOptions = { ...options, all: true };
    dns.lookup(hostname, all, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => isRefusedAddress(entry.address));
      if (refused) return callback(new AddressRefusedError(hostname, refused.address), '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(
          Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
          '',
        );
      callback(null, first.address, first.family);
    });
  };
}
