import type { Segment } from '../lib/document-search.ts';

/** Text with the search matches in <mark>; the current match is marked for the eye and for AT. */
export function HighlightedText({
  segments,
  currentMatch,
}: {
  segments: Segment[];
  currentMatch: number | null;
}) {
  return segments.map((segment, index) =>
    segment.match === undefined ? (
      segment.text
    ) : (
      <mark
        key={index}
        data-match={segment.match}
        className={segment.match === currentMatch ? 'is-current' : undefined}
        aria-current={segment.match === currentMatch ? 'true' : undefined}
      >
        {segment.text}
      </mark>
    ),
  );
}
