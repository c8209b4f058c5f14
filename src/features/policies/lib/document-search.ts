import type { PolicySection } from '../../../contract/policy.ts';
import { mapBlocks, parseSectionText, type Block } from './section-text.ts';

/** A run of text; `match` is the index of the search match it is, counted across the document. */
export interface Segment {
  text: string;
  match?: number;
}

export interface ParsedSection {
  id: string;
  heading: string;
  blocks: Block[];
}

export interface HighlightedSection {
  id: string;
  heading: Segment[];
  blocks: Block<Segment[]>[];
  matchCount: number;
}

export const MIN_QUERY_LENGTH = 2;

export function parseSections(sections: readonly PolicySection[]): ParsedSection[] {
  return sections.map((s) => ({ id: s.id, heading: s.heading, blocks: parseSectionText(s.text) }));
}

/** Case-insensitive, and any run of spaces in the query matches any whitespace (line breaks too). */
export function searchPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.join(' ').length < MIN_QUERY_LENGTH) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s+'), 'giu');
}

function split(text: string, pattern: RegExp | null, nextMatch: () => number): Segment[] {
  if (!pattern) return [{ text }];
  const segments: Segment[] = [];
  let at = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    if (start > at) segments.push({ text: text.slice(at, start) });
    segments.push({ text: found[0], match: nextMatch() });
    at = start + found[0].length;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at) });
  return segments;
}

/** Marks every match of `query`, numbered in reading order (each heading, then its text). */
export function highlightDocument(
  sections: readonly ParsedSection[],
  query: string,
): { sections: HighlightedSection[]; total: number } {
  const pattern = searchPattern(query);
  let total = 0;
  const nextMatch = () => total++;
  const highlighted = sections.map((section) => {
    const before = total;
    const heading = split(section.heading, pattern, nextMatch);
    const blocks = mapBlocks(section.blocks, (text) => split(text, pattern, nextMatch));
    return { id: section.id, heading, blocks, matchCount: total - before };
  });
  return { sections: highlighted, total };
}
