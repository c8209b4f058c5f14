import { useT } from '../../../lib/i18n/i18n.tsx';
import type { HighlightedSection } from '../lib/document-search.ts';
import { HighlightedText } from './highlighted-text.tsx';
import { SectionBody } from './section-body.tsx';

/** One section: its `id` is the stable anchor for `#section-id` links. */
export function PolicySectionView({
  section,
  plainHeading,
  currentMatch,
  onLink,
}: {
  section: HighlightedSection;
  plainHeading: string;
  currentMatch: number | null;
  onLink: (id: string, heading: string) => void;
}) {
  const { t } = useT();
  return (
    <section id={section.id} className="policy-section">
      <div className="policy-section__head">
        <h2>
          <HighlightedText segments={section.heading} currentMatch={currentMatch} />
        </h2>
        <a
          className="section-link"
          href={`#${section.id}`}
          aria-label={t('reader.sectionLink', { heading: plainHeading })}
          onClick={() => onLink(section.id, plainHeading)}
        >
          <span aria-hidden="true">#</span>
        </a>
      </div>
      <SectionBody blocks={section.blocks} currentMatch={currentMatch} />
    </section>
  );
}
