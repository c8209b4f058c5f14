import type { ConsentExportRow } from './preferences.repository.ts';

export const CONSENT_CSV_HEADER = [
  'eventId',
  'ownerId',
  'ownerEmail',
  'category',
  'channel',
  'enabled',
  'previous',
  'source',
  'at',
  'policyVersion',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with quotes
 * doubled. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first; OWASP
 * "CSV injection") gets a leading apostrophe: an address such as `=cmd@x.example` is valid,
 * and staff open this file in a spreadsheet.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CRLF line ends, as RFC 4180 says and spreadsheets expect. */
export const csvLine = (fields: ReadonlyArray<string | number | boolean | null>) =>
  `${fields.map(csvField).join(',')}\r\n`;

export function consentCsvLine(row: ConsentExportRow): string {
  return csvLine([
    row.id,
    row.ownerId,
    row.ownerEmail,
    row.category,
    row.channel,
    row.enabled,
    row.previous,
    row.source,
    row.at,
    row.policyVersion,
  ]);
}
