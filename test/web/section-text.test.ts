import { expect, test } from 'vitest';
import { parseSectionText } from '../../src/features/policies/lib/section-text.ts';
import {
  highlightDocument,
  parseSections,
} from '../../src/features/policies/lib/document-search.ts';

test('paragraphs are separated by a blank line and keep their inner line breaks', () => {
  expect(parseSectionText('First paragraph.\n\nKontak Inc.\n1 Main Street')).toEqual([
    { kind: 'paragraph', content: 'First paragraph.' },
    { kind: 'paragraph', content: 'Kontak Inc.\n1 Main Street' },
  ]);
});

test('lines starting with a bullet form one list, even across blank lines', () => {
  expect(parseSectionText('Intro:\n• one\n• two\n\n• three\n\nAfter.')).toEqual([
    { kind: 'paragraph', content: 'Intro:' },
    { kind: 'bullets', items: ['one', 'two', 'three'] },
    { kind: 'paragraph', content: 'After.' },
  ]);
});

test('numbered lines keep their own numbers', () => {
  expect(parseSectionText('3. Send a copy.\n4. Correct it.\n\n5. Delete it.')).toEqual([
    {
      kind: 'numbered',
      items: [
        { value: 3, content: 'Send a copy.' },
        { value: 4, content: 'Correct it.' },
        { value: 5, content: 'Delete it.' },
      ],
    },
  ]);
});

test('an indented line continues the list item above it', () => {
  expect(parseSectionText('• Email us at\n  privacy@example.com')).toEqual([
    { kind: 'bullets', items: ['Email us at\nprivacy@example.com'] },
  ]);
});

test('search numbers matches in reading order, headings included, across line breaks', () => {
  const sections = parseSections([
    { id: 'a', heading: 'Your data', text: 'We keep your\ndata safe.' },
    { id: 'b', heading: 'Other', text: '• data one\n• no match' },
  ]);
  const { total, sections: marked } = highlightDocument(sections, 'your data');
  expect(total).toBe(2);
  expect(marked[0]?.heading).toEqual([{ text: 'Your data', match: 0 }]);
  expect(marked[0]?.matchCount).toBe(2);
  expect(highlightDocument(sections, 'DATA').total).toBe(3);
  expect(highlightDocument(sections, 'd').total).toBe(0);
});
