/**
 * A section's `text` is plain text (src/contract/policy.ts): paragraphs are separated by a
 * blank line, bulleted items start with "• " and numbered items with "N. ". This turns it
 * into blocks that render as <p>, <ul> and <ol>.
 */
export type Block<T = string> =
  | { kind: 'paragraph'; content: T }
  | { kind: 'bullets'; items: T[] }
  | { kind: 'numbered'; items: Array<{ value: number; content: T }> };

const BULLET = /^\s*•\s+/;
const NUMBERED = /^\s*(\d{1,4})\.\s+/;
const CONTINUATION = /^\s+\S/;

export function parseSectionText(text: string): Block[] {
  const blocks: Block[] = [];
  const chunks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.replace(/^\n+|\n+$/g, ''))
    .filter((chunk) => chunk.trim() !== '');

  for (const chunk of chunks) {
    let paragraph: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push({ kind: 'paragraph', content: paragraph.join('\n') });
      paragraph = [];
    };

    for (const line of chunk.split('\n')) {
      const numbered = NUMBERED.exec(line);
      if (BULLET.test(line)) {
        flushParagraph();
        const content = line.replace(BULLET, '');
        // The last block may come from the previous chunk: "• a\n\n• b" is still one list.
        const last = blocks.at(-1);
        if (last?.kind === 'bullets') last.items.push(content);
        else blocks.push({ kind: 'bullets', items: [content] });
      } else if (numbered) {
        flushParagraph();
        const item = { value: Number(numbered[1]), content: line.replace(NUMBERED, '') };
        const last = blocks.at(-1);
        if (last?.kind === 'numbered') last.items.push(item);
        else blocks.push({ kind: 'numbered', items: [item] });
      } else {
        const last = blocks.at(-1);
        if (
          paragraph.length === 0 &&
          CONTINUATION.test(line) &&
          last &&
          last.kind !== 'paragraph'
        ) {
          // An indented line right after a list item continues that item.
          appendToLastItem(last, line.trim());
        } else {
          paragraph.push(line.trim());
        }
      }
    }
    flushParagraph();
  }
  return blocks;
}

function appendToLastItem(block: Exclude<Block, { kind: 'paragraph' }>, line: string): void {
  if (block.kind === 'bullets') {
    const index = block.items.length - 1;
    block.items[index] = `${block.items[index] ?? ''}\n${line}`;
  } else {
    const item = block.items.at(-1);
    if (item) item.content = `${item.content}\n${line}`;
  }
}

export function mapBlocks<A, B>(blocks: Block<A>[], map: (content: A) => B): Block<B>[] {
  return blocks.map((block): Block<B> => {
    switch (block.kind) {
      case 'paragraph':
        return { kind: 'paragraph', content: map(block.content) };
      case 'bullets':
        return { kind: 'bullets', items: block.items.map(map) };
      case 'numbered':
        return {
          kind: 'numbered',
          items: block.items.map((item) => ({ value: item.value, content: map(item.content) })),
        };
    }
  });
}
