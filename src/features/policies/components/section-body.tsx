import type { Segment } from '../lib/document-search.ts';
import type { Block } from '../lib/section-text.ts';
import { HighlightedText } from './highlighted-text.tsx';

export function SectionBody({
  blocks,
  currentMatch,
}: {
  blocks: Block<Segment[]>[];
  currentMatch: number | null;
}) {
  return blocks.map((block, index) => {
    switch (block.kind) {
      case 'paragraph':
        return (
          <p key={index}>
            <HighlightedText segments={block.content} currentMatch={currentMatch} />
          </p>
        );
      case 'bullets':
        return (
          <ul key={index}>
            {block.items.map((item, i) => (
              <li key={i}>
                <HighlightedText segments={item} currentMatch={currentMatch} />
              </li>
            ))}
          </ul>
        );
      case 'numbered':
        return (
          <ol key={index} start={block.items[0]?.value}>
            {block.items.map((item, i) => (
              <li key={i} value={item.value}>
                <HighlightedText segments={item.content} currentMatch={currentMatch} />
              </li>
            ))}
          </ol>
        );
    }
  });
}
