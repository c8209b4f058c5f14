export type SmsKeyword = 'stop' | 'start' | 'help';

/**
 * FCC 24-24 (47 CFR 64.1200(a)(10)) names STOP, QUIT, END, REVOKE, OPT OUT, CANCEL and
 * UNSUBSCRIBE as reasonable ways to revoke consent; OPTOUT and STOPALL are the carriers'
 * (CTIA) spellings of the same wish.
 */
const STOP_WORDS = new Set([
  'STOP',
  'QUIT',
  'END',
  'REVOKE',
  'OPT OUT',
  'OPTOUT',
  'CANCEL',
  'UNSUBSCRIBE',
  'STOPALL',
]);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);
const HELP_WORDS = new Set(['HELP', 'INFO']);

/**
 * The keyword a whole message is, or null. Case, surrounding spaces and punctuation ("Stop.",
 * "stop!"), and runs of spaces ("opt  out") do not matter: a person who texts "Stop." means
 * it, and the stricter reading honours it. A keyword inside a longer message is not one.
 */
export function smsKeyword(text: string): SmsKeyword | null {
  const word = text
    .trim()
    .replace(/^[\s.!?,;:'"]+|[\s.!?,;:'"]+$/g, '')
    .replace(/[\s-]+/g, ' ')
    .toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  if (HELP_WORDS.has(word)) return 'help';
  return null;
}
