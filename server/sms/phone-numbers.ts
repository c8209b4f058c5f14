/** Digits only, with "+" kept in front when the number was written in international form. */
export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') || trimmed.startsWith('00')
    ? `+${trimmed.startsWith('00') ? digits.slice(2) : digits}`
    : digits;
}

/** How many trailing digits narrow the search in SQL before the exact comparison. */
export const PHONE_MATCH_DIGITS = 7;

/**
 * Whether a number an owner typed into their profile is the number a text came from. The
 * gateway sends E.164 (+15550100123); owners may have typed the international form, or the
 * national one without a country code (5550100123, or 087… with a trunk 0). A national number
 * matches when the international one is it behind a 1–3 digit country code. Anything looser
 * could switch off someone else's texts.
 */
export function isSamePhoneNumber(stored: string, inbound: string): boolean {
  const a = normalisePhone(stored);
  const b = normalisePhone(inbound);
  const digitsA = a.replace('+', '');
  const digitsB = b.replace('+', '');
  if (digitsA.length < PHONE_MATCH_DIGITS || digitsB.length < PHONE_MATCH_DIGITS) return false;
  if (digitsA === digitsB) return true;
  const national = (n: string) => n.replace(/^0/, '');
  const behindCountryCode = (international: string, nationalNumber: string) => {
    const rest = national(nationalNumber);
    const prefix = international.length - rest.length;
    return (
      rest.length >= PHONE_MATCH_DIGITS &&
      prefix >= 1 &&
      prefix <= 3 &&
      international.endsWith(rest)
    );
  };
  if (b.startsWith('+') && !a.startsWith('+')) return behindCountryCode(digitsB, digitsA);
  if (a.startsWith('+') && !b.startsWith('+')) return behindCountryCode(digitsA, digitsB);
  return false;
}
