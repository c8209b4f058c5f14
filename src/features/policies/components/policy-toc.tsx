import { useId, useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';

interface TocEntry {
  id: string;
  heading: string;
  matchCount: number;
}

/** Collapsed on phones (a long list would bury the text), open on wide screens. */
export function PolicyToc({ entries }: { entries: TocEntry[] }) {
  const { t } = useT();
  const headingId = useId();
  const [isOpen, setOpen] = useState(
    () =>
      typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 60rem)').matches,
  );
  return (
    <nav className="toc" aria-labelledby={headingId}>
      <details open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary id={headingId}>{t('reader.contents')}</summary>
        <ol className="toc__list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <a href={`#${entry.id}`}>{entry.heading}</a>
              {entry.matchCount > 0 ? (
                <span className="toc__count" aria-hidden="true">
                  {entry.matchCount}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
