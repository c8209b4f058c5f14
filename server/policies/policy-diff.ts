import { diffWordsWithSpace } from 'diff';
import type { DiffPart, PolicySection, SectionChange } from '../../src/contract/policy.ts';

/**
 * What changed between two versions of a policy, section by section, word by word: what an
 * owner sees before acknowledging a new version. Pure.
 */
export interface PolicySectionsDiff {
  sections: SectionChange[];
  stats: { added: number; removed: number; changed: number; unchanged: number };
}

// Share of words two texts must have in common for a removed and an added section to count as
// one section under a new heading. High, so that two different sections are never merged.
const RENAME_SIMILARITY = 0.8;

export function diffPolicySections(from: PolicySection[], to: PolicySection[]): PolicySectionsDiff {
  const oldById = new Map(from.map((section) => [section.id, section]));
  const newIds = new Set(to.map((section) => section.id));
  const renamedFrom = pairRenamedSections(
    from.filter((section) => !newIds.has(section.id)),
    to.filter((section) => !oldById.has(section.id)),
  );

  /** Old id → id of the same section in the new version. */
  const survivors = new Map<string, string>();
  for (const section of to) {
    const old = oldById.get(section.id) ?? renamedFrom.get(section.id);
    if (old) survivors.set(old.id, section.id);
  }

  // A removed section is shown after the section that preceded it in the old version (or first,
  // if nothing did), so that it appears in context rather than in a heap at the end.
  const removedAfter = new Map<string | null, PolicySection[]>();
  let anchor: string | null = null;
  for (const section of from) {
    const newId = survivors.get(section.id);
    if (newId !== undefined) {
      anchor = newId;
    } else {
      removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), section]);
    }
  }

  const sections: SectionChange[] = (removedAfter.get(null) ?? []).map(removedChange);
  for (const section of to) {
    const old = oldById.get(section.id) ?? renamedFrom.get(section.id);
    sections.push(old ? matchedChange(old, section) : addedChange(section));
    sections.push(...(removedAfter.get(section.id) ?? []).map(removedChange));
  }

  const stats = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const change of sections) stats[change.status] += 1;
  return { sections, stats };
}

/**
 * Greedy pairing, most similar first, of removed and added sections whose texts are nearly the
 * same: a heading that was reworded. Returns new id → old section.
 */
function pairRenamedSections(
  removed: PolicySection[],
  added: PolicySection[],
): Map<string, PolicySection> {
  const candidates: { old: PolicySection; next: PolicySection; score: number }[] = [];
  for (const old of removed) {
    for (const next of added) {
      const score = similarity(old.text, next.text);
      if (score >= RENAME_SIMILARITY) candidates.push({ old, next, score });
    }
  }
  // Array#sort is stable, so ties keep document order.
  candidates.sort((a, b) => b.score - a.score);

  const pairs = new Map<string, PolicySection>();
  const usedOld = new Set<string>();
  for (const { old, next } of candidates) {
    if (pairs.has(next.id) || usedOld.has(old.id)) continue;
    pairs.set(next.id, old);
    usedOld.add(old.id);
  }
  return pairs;
}

/**
 * Dice coefficient over the multisets of words. Word order is ignored: it is cheap enough to run
 * for every removed × added pair, and a reordered text is still the same section.
 */
function similarity(a: string, b: string): number {
  const wordsA = wordsOf(a);
  const wordsB = wordsOf(b);
  // Empty texts carry no evidence that two headings name the same section.
  if (wordsA.length === 0 || wordsB.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of wordsA) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of wordsB) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      common += 1;
      counts.set(word, count - 1);
    }
  }
  return (2 * common) / (wordsA.length + wordsB.length);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function matchedChange(old: PolicySection, next: PolicySection): SectionChange {
  if (old.heading === next.heading && old.text === next.text) {
    return {
      id: next.id,
      status: 'unchanged',
      heading: next.heading,
      headingParts: [{ op: 'equal', text: next.heading }],
      parts: [],
    };
  }
  return {
    id: next.id,
    status: 'changed',
    heading: next.heading,
    headingParts: diffText(old.heading, next.heading),
    parts: diffText(old.text, next.text),
  };
}

function addedChange(section: PolicySection): SectionChange {
  return {
    id: section.id,
    status: 'added',
    heading: section.heading,
    headingParts: whole('insert', section.heading),
    parts: whole('insert', section.text),
  };
}

function removedChange(section: PolicySection): SectionChange {
  return {
    id: section.id,
    status: 'removed',
    heading: section.heading,
    headingParts: whole('delete', section.heading),
    parts: whole('delete', section.text),
  };
}

function whole(op: DiffPart['op'], text: string): DiffPart[] {
  return text === '' ? [] : [{ op, text }];
}

/**
 * Word-level diff whose 'equal' + 'delete' parts spell the old text exactly and whose
 * 'equal' + 'insert' parts spell the new text exactly.
 */
function diffText(oldText: string, newText: string): DiffPart[] {
  if (oldText === newText) return whole('equal', oldText);
  const parts: DiffPart[] = diffWordsWithSpace(oldText, newText)
    .filter((change) => change.value !== '')
    .map((change): DiffPart => ({
      op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
      text: change.value,
    }));
  return alignToLineStarts(mergeReplacements(parts));
}

/**
 * Within a run of changes, all deletions come first, then all insertions, merged into one part
 * each. A lone space between two replaced words joins the run on both sides: otherwise
 * "three months" → "six weeks" reads as the choppy "[-three-][+six+] [-months-][+weeks+]".
 */
function mergeReplacements(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    if (deleted) merged.push({ op: 'delete', text: deleted });
    if (inserted) merged.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };

  parts.forEach((part, index) => {
    if (part.op === 'delete') {
      deleted += part.text;
    } else if (part.op === 'insert') {
      inserted += part.text;
    } else if (deleted && inserted && /^[^\S\n]+$/.test(part.text) && replacesNext(parts, index)) {
      deleted += part.text;
      inserted += part.text;
    } else {
      flush();
      const last = merged.at(-1);
      if (last?.op === 'equal') last.text += part.text;
      else merged.push({ ...part });
    }
  });
  flush();
  return merged;
}

/** Whether the run of changes after `index` both deletes and inserts. */
function replacesNext(parts: DiffPart[], index: number): boolean {
  let hasDelete = false;
  let hasInsert = false;
  for (let i = index + 1; ; i += 1) {
    const op = parts[i]?.op;
    if (op === undefined || op === 'equal') break;
    if (op === 'delete') hasDelete = true;
    else hasInsert = true;
  }
  return hasDelete && hasInsert;
}

/**
 * A word diff aligns an added list item as "…\n• [+New item\n• +]Old item": the same text, but
 * it reads as a broken line. When an insertion or deletion sits alone between equal text and
 * can slide left (its end repeats the end of the text before it), it is moved to start a line.
 */
function alignToLineStarts(parts: DiffPart[]): DiffPart[] {
  const aligned = parts.map((part) => ({ ...part }));
  for (let index = 1; index < aligned.length - 1; index += 1) {
    const before = aligned[index - 1]!;
    const change = aligned[index]!;
    const after = aligned[index + 1]!;
    if (before.op !== 'equal' || change.op === 'equal' || after.op !== 'equal') continue;
    if (before.text.endsWith('\n')) continue;
    const longest = Math.min(before.text.length, change.text.length);
    for (let shift = 1; shift <= longest; shift += 1) {
      if (before.text.at(-shift) !== change.text.at(-shift)) break;
      const rest = before.text.slice(0, -shift);
      // Emptying `before` is fine only at the very start: elsewhere it would leave two changes
      // side by side.
      if (rest.endsWith('\n') || (rest === '' && index === 1)) {
        const moved = before.text.slice(-shift);
        before.text = rest;
        change.text = moved + change.text.slice(0, -shift);
        after.text = moved + after.text;
        break;
      }
    }
  }
  return aligned.filter((part) => part.text !== '');
}
