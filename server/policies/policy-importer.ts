import type { PolicySection } from '../../src/contract/policy.ts';

/**
 * Turns a privacy policy pasted as plain text (copied from a clinic's website or a vendor's
 * page) into titled sections. Pure: the CLI and the seed read the files; this only parses.
 *
 * Two layouts occur in the wild and may be mixed:
 * - "Heading:" lines, each alone between blank lines (the clinic policy);
 * - numbered "1. Heading" lines at the left margin, possibly run in with their first sentence
 *   ("13. Your California Privacy Rights: For the …"), with indented numbered sub-items that
 *   belong to the section's text (the vendor policy).
 */
export interface ImportedPolicy {
  title: string;
  /** 'YYYY-MM-DD' when the text states a date such as "Update: April 7, 2020". */
  updatedOn: string | null;
  sections: PolicySection[];
}

/** A non-blank source line; `text` has its indentation and trailing spaces removed. */
interface Line {
  indent: number;
  text: string;
}

/** Consecutive non-blank lines. Blank lines separate blocks. */
type Block = Line[];

type Unit = { kind: 'paragraph' | 'item'; text: string };

interface Heading {
  heading: string;
  /** Text run in after the heading on the same line, for "13. Heading: First sentence …". */
  runIn: string;
}

const INTRODUCTION = 'Introduction';

/**
 * Website chrome that comes along when a policy is copied from a clinic's site: the push and
 * install banners of its website builder. Matched as whole lines, and only at the end of the
 * document (see `dropTrailingChrome`), so a policy sentence can never be mistaken for one.
 */
const CHROME_LINES: readonly RegExp[] = [
  /^push notifications are (?:disabled|enabled|blocked)$/i,
  /^add to home ?screen$/i,
  /^(?:hide|show)$/i,
];

// Headings are noun phrases or questions. All the colon headings of the seed policies have at
// most 12 words; the lead-in sentences that also end with ":" ("We collect, use, and share the
// data that we have in the ways described above:") run longer.
const MAX_HEADING_WORDS = 14;
const MAX_HEADING_CHARS = 100;
// "12. You have the right to: (i) access …": the part before the colon is the heading only
// when it is short; otherwise the colon is inside the sentence.
const MAX_RUN_IN_HEADING_WORDS = 10;
// A shop or clinic name in the chrome ("DR. KIM'S VETERINARY CLINIC") is a short label.
const MAX_CHROME_LABEL_WORDS = 6;
const MAX_ID_LENGTH = 64;

const BULLET = /^[•◦▪‣·*-]\s+/u;
const NUMBERED = /^(\d{1,3})[.)]\s+/;
// A word ending in a full stop, question or exclamation mark, then more text: more than one
// sentence. Two lowercase letters before the mark keep "U.S.", "Dr." and "e.g." out of it.
const SENTENCE_BREAK = /\p{Ll}{2}[.!?]["'”’)]?\s+\S/u;
// Kept lowercase inside a title, as in "Notice of Privacy Practices".
const SMALL_WORDS = new Set('a an and as at by for in of on or the to'.split(' '));

export function importPolicyText(text: string): ImportedPolicy {
  const lines = dropTrailingChrome(splitLines(text));
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) throw new Error('The policy text is empty.');

  const title = readableTitle(stripTrailingColon(lines[first]!.trim()));
  const blocks = toBlocks(lines.slice(first + 1));
  const headings = findHeadings(blocks);
  if (headings.size === 0) {
    throw new Error(
      'No section headings were found in the policy text. Put each heading on its own line, ' +
        'either ending with a colon ("Cookies:") or numbered ("1. Who are we?").',
    );
  }

  let updatedOn: string | null = null;
  const taken = new Set<string>();
  const sections: PolicySection[] = [];
  // Text before the first heading goes to an "Introduction" section, so that nothing is lost.
  let heading = INTRODUCTION;
  let isPreamble = true;
  let units: Unit[] = [];
  const flush = (): void => {
    if (isPreamble && units.length === 0) return;
    sections.push({ id: sectionIdFor(heading, taken), heading, text: renderUnits(units) });
  };

  blocks.forEach((block, index) => {
    const found = headings.get(index);
    if (found) {
      flush();
      isPreamble = false;
      heading = found.heading;
      units = found.runIn ? [{ kind: 'paragraph', text: found.runIn }] : [];
      return;
    }
    // The date line is metadata, like the title: it is taken out of the introduction.
    if (updatedOn === null && isPreamble && block.length === 1) {
      const date = parseUpdateLine(block[0]!.text);
      if (date) {
        updatedOn = date;
        return;
      }
    }
    units.push(...toUnits(block));
  });
  flush();

  return { title, updatedOn, sections };
}

/**
 * A slug for `#id` links that stays the same across versions while the heading does. A leading
 * section number is left out, so that inserting a section (and renumbering the rest) does not
 * break links or the diff's matching by id. The id returned is added to `taken`; repeats get
 * "-2", "-3" in document order.
 */
export function sectionIdFor(heading: string, taken: Set<string>): string {
  const slug =
    heading
      .replace(NUMBERED, '')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // "don’t" reads better as "dont" than as "don-t".
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section';
  const base = truncateSlug(slug);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function truncateSlug(slug: string): string {
  if (slug.length <= MAX_ID_LENGTH) return slug;
  const cut = slug.slice(0, MAX_ID_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, MAX_ID_LENGTH);
}

function splitLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
}

/**
 * Removes the website chrome after the policy. Reading up from the end, the chrome is made of
 * known UI strings and short labels between them (the site's name); it starts at the highest
 * known UI string. Labels above that are kept, so a short closing line of the policy survives.
 */
function dropTrailingChrome(lines: string[]): string[] {
  let cut = lines.length;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const text = lines[i]!.trim();
    if (text === '') continue;
    if (CHROME_LINES.some((pattern) => pattern.test(text))) {
      cut = i;
      continue;
    }
    if (!isChromeLabel(text)) break;
  }
  return lines.slice(0, cut);
}

function isChromeLabel(text: string): boolean {
  return (
    words(text).length <= MAX_CHROME_LABEL_WORDS &&
    !/[.:;!?]$/.test(text) &&
    !BULLET.test(text) &&
    !NUMBERED.test(text)
  );
}

function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block = [];
  for (const raw of lines) {
    const text = raw.trim();
    if (text === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
      continue;
    }
    current.push({ indent: raw.length - raw.trimStart().length, text });
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Maps block index → heading. */
function findHeadings(blocks: Block[]): Map<number, Heading> {
  const headings = new Map<number, Heading>();

  // Numbered sections: a line at the left margin that starts a block and carries the next
  // number of the top-level sequence. Sub-items are indented (or sit inside a list block), and a
  // list that restarts at 1 inside a section cannot continue the sequence.
  let expected = 1;
  blocks.forEach((block, index) => {
    const numbered = numberedHeading(block, expected);
    if (!numbered) return;
    headings.set(index, numbered);
    expected += 1;
  });
  // One "1." alone is more likely a list than a document structure.
  if (expected === 2) headings.clear();

  // Colon (and all-caps) headings. Paragraph lines end with ":" too, so a line must pass two
  // independent tests: its shape (alone between blank lines at the margin, one short sentence:
  // `isHeadingShaped`) and what follows it. A heading introduces prose; a line followed by a
  // list, by another heading or by nothing is a lead-in sentence and stays text. In the clinic
  // seed "We collect, use, and share the data … described above:" fails both (15 words, then a
  // list), as does "This being said, … in particular:" (25 words, then a heading). Either test
  // would do for the seeds; both are required so that a new version's near miss is still
  // caught. The cost: a heading followed directly by a list reads as a lead-in paragraph.
  // Read from the end, because each answer depends on whether the next block is a heading.
  for (let index = blocks.length - 1; index >= 0; index -= 1) {
    if (headings.has(index)) continue;
    const line = loneLine(blocks[index]!);
    if (!line || !isHeadingShaped(line.text)) continue;
    const next = blocks[index + 1];
    if (!next || headings.has(index + 1) || isListItem(next[0]!.text)) continue;
    headings.set(index, { heading: stripTrailingColon(line.text), runIn: '' });
  }
  return headings;
}

function numberedHeading(block: Block, expected: number): Heading | null {
  const [first, ...rest] = block;
  if (!first || first.indent > 0) return null;
  const match = NUMBERED.exec(first.text);
  if (!match || Number(match[1]) !== expected) return null;
  // Wrapped lines may follow; another item would make this block a list.
  if (rest.some((line) => isListItem(line.text))) return null;

  const marker = `${expected}. `;
  const body = [first.text.slice(match[0].length), ...rest.map((line) => line.text)].join(' ');
  const colon = /:\s+/.exec(body);
  if (colon) {
    const lead = body.slice(0, colon.index);
    if (words(lead).length <= MAX_RUN_IN_HEADING_WORDS && !SENTENCE_BREAK.test(lead)) {
      return { heading: marker + lead, runIn: body.slice(colon.index + colon[0].length) };
    }
  }
  return { heading: marker + stripTrailingColon(body), runIn: '' };
}

function loneLine(block: Block): Line | null {
  const [line] = block;
  return block.length === 1 && line && line.indent === 0 ? line : null;
}

/** A short, single-sentence line that ends with ":" or is written in capitals. */
function isHeadingShaped(text: string): boolean {
  if (isListItem(text) || text.length > MAX_HEADING_CHARS) return false;
  if (words(text).length > MAX_HEADING_WORDS || SENTENCE_BREAK.test(text)) return false;
  if (text.endsWith(':')) return text.length > 1;
  const isAllCaps = /\p{Lu}.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
  return isAllCaps && !/[.;,]$/.test(text);
}

function isListItem(text: string): boolean {
  return BULLET.test(text) || NUMBERED.test(text);
}

/**
 * List items keep their own lines with a normalised marker ("• " or "N. "). Wrapped lines join
 * the paragraph or (when indented) the item they continue. Nesting is flattened: plain text has
 * no way to show it, and the sub-bullets still follow their item.
 */
function toUnits(block: Block): Unit[] {
  const units: Unit[] = [];
  for (const line of block) {
    const bullet = BULLET.exec(line.text);
    const numbered = NUMBERED.exec(line.text);
    const last = units.at(-1);
    if (bullet) {
      units.push({ kind: 'item', text: `• ${line.text.slice(bullet[0].length)}` });
    } else if (numbered) {
      units.push({ kind: 'item', text: `${numbered[1]}. ${line.text.slice(numbered[0].length)}` });
    } else if (last && (last.kind === 'paragraph' || line.indent > 0)) {
      last.text += ` ${line.text}`;
    } else {
      units.push({ kind: 'paragraph', text: line.text });
    }
  }
  return units;
}

/** Consecutive list items are one list (one "\n" apart); everything else is a paragraph. */
function renderUnits(units: Unit[]): string {
  return units
    .map((unit, index) => {
      const previous = units[index - 1];
      if (!previous) return unit.text;
      const separator = previous.kind === 'item' && unit.kind === 'item' ? '\n' : '\n\n';
      return separator + unit.text;
    })
    .join('');
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function stripTrailingColon(text: string): string {
  return text.replace(/\s*:$/, '');
}

/** "PRIVACY POLICY" → "Privacy Policy"; a title already in mixed case is kept as written. */
function readableTitle(text: string): string {
  if (/\p{Ll}/u.test(text) || !/\p{Lu}/u.test(text)) return text;
  return text
    .toLowerCase()
    .split(' ')
    .map((word, index) =>
      index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Update: April 7, 2020", "Last updated on 7 April 2020", "Effective date: 2020-04-07". */
function parseUpdateLine(text: string): string | null {
  const match =
    /^(?:last\s+)?(?:updated?|revised|modified|effective(?:\s+date)?)(?:\s+on)?\s*[:\-–—]?\s*(.+?)\.?$/i.exec(
      text,
    );
  return match ? parseDate(match[1]!) : null;
}

function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return formatDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthFirst = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(text);
  if (monthFirst) {
    return formatDate(Number(monthFirst[3]), monthNumber(monthFirst[1]!), Number(monthFirst[2]));
  }
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})$/u.exec(text);
  if (dayFirst) {
    return formatDate(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]));
  }
  return null;
}

/** 1–12, or 0 when the word is not a month ("Sept" and three-letter forms count). */
function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  if (lower.length < 3) return 0;
  return MONTHS.findIndex((month) => month.startsWith(lower === 'sept' ? 'sep' : lower)) + 1;
}

function formatDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one, which takes care of leap years.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
