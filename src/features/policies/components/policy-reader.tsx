import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Clinic } from '../../../contract/clinic.ts';
import type { PolicySummary } from '../../../contract/policy.ts';
import { Notice } from '../../../components/ui/notice.tsx';
import { SavedCopyNote } from '../../../components/ui/saved-copy-note.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useScrollToHash } from '../../../lib/use-scroll-to-hash.ts';
import { usePolicyVersion } from '../api/get-policy-version.ts';
import { highlightDocument, parseSections } from '../lib/document-search.ts';
import { DocumentSearch } from './document-search.tsx';
import { PartyLine } from './party-line.tsx';
import { PolicySectionView } from './policy-section-view.tsx';
import { PolicyToc } from './policy-toc.tsx';
import { UpcomingNotice } from './upcoming-notice.tsx';

interface Props {
  clinic: Pick<Clinic, 'slug' | 'name' | 'contactEmail'>;
  policy: PolicySummary;
  version: number;
}

function compareTarget(clinic: string, policy: PolicySummary, version: number): string | null {
  const { current, upcoming } = policy;
  if (version < current.version) return paths.diff(clinic, policy.id, version, current.version);
  if (version > current.version) return paths.diff(clinic, policy.id, current.version, version);
  if (upcoming) return paths.diff(clinic, policy.id, current.version, upcoming.version);
  return current.version > 1 ? paths.diff(clinic, policy.id) : null;
}

export function PolicyReader({ clinic, policy, version }: Props) {
  const { t, formatDate } = useT();
  const now = useNow();
  const { data: fetched } = usePolicyVersion(clinic.slug, policy.id, version);
  const document = fetched.data;

  const parsed = useMemo(() => parseSections(document.sections), [document.sections]);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { sections, total } = useMemo(
    () => highlightDocument(parsed, deferredQuery),
    [parsed, deferredQuery],
  );

  // The current match belongs to one query; a new query starts again at its first match.
  const [position, setPosition] = useState({ query: '', index: 0 });
  const current = position.query === deferredQuery ? Math.min(position.index, total - 1) : 0;
  const step = (by: number) => {
    if (total === 0) return;
    setPosition({ query: deferredQuery, index: (current + by + total) % total });
  };

  useEffect(() => {
    if (total === 0) return;
    const mark = window.document.querySelector(`mark[data-match="${current}"]`);
    mark?.scrollIntoView?.({ block: 'center' });
  }, [current, total, deferredQuery]);

  useScrollToHash(true);

  const [copied, setCopied] = useState('');
  const onSectionLink = (id: string, heading: string) => {
    const url = new URL(`#${id}`, window.location.href).href;
    // Installed apps have no address bar, so copying is the way to share a section.
    void navigator.clipboard
      ?.writeText(url)
      .then(() => setCopied(t('reader.linkCopied', { heading })))
      .catch(() => undefined);
  };

  const isArchived = version < policy.current.version;
  const isFuture = Date.parse(document.effectiveAt) > now;
  const compare = compareTarget(clinic.slug, policy, version);

  return (
    <article className="reader">
      <p className="back-link">
        <Link to={paths.clinic(clinic.slug)}>
          <span aria-hidden="true">←</span>
          {t('reader.back')}
        </Link>
      </p>
      <header className="reader__header">
        <h1>{policy.title}</h1>
        <p className="meta">
          <span>{t('reader.version', { version: document.version })}</span>
          <span>
            {isFuture
              ? t('reader.effectiveFuture', { date: formatDate(document.effectiveAt) })
              : t('reader.effective', { date: formatDate(document.effectiveAt) })}
          </span>
          <span>{t('reader.published', { date: formatDate(document.publishedAt) })}</span>
        </p>
        <PartyLine policy={policy} clinic={clinic} />
      </header>

      {isArchived ? (
        <Notice>
          <p>
            {t('reader.archived', { version: document.version })}{' '}
            <Link to={paths.policy(clinic.slug, policy.id)}>{t('reader.readCurrent')}</Link>
          </p>
        </Notice>
      ) : null}
      {isFuture ? (
        <Notice tone="warning">
          <p>
            {t('reader.upcomingVersion', {
              date: formatDate(document.effectiveAt),
              current: policy.current.version,
            })}
          </p>
        </Notice>
      ) : null}
      {!isArchived && !isFuture ? <UpcomingNotice clinic={clinic.slug} policy={policy} /> : null}
      <SavedCopyNote isFromCache={fetched.isFromCache} fetchedAt={fetched.fetchedAt} />

      <nav className="reader__links" aria-label={t('reader.documentNav')}>
        <Link to={paths.versions(clinic.slug, policy.id)}>{t('reader.versions')}</Link>
        {compare ? <Link to={compare}>{t('reader.compare')}</Link> : null}
      </nav>

      <DocumentSearch
        query={query}
        onQueryChange={setQuery}
        total={total}
        current={current}
        onNext={() => step(1)}
        onPrevious={() => step(-1)}
      />
      <PolicyToc
        entries={sections.map(({ id, matchCount }, i) => ({
          id,
          matchCount,
          heading: parsed[i]?.heading ?? '',
        }))}
      />

      <div className="reader__body">
        {sections.map((section, index) => (
          <PolicySectionView
            key={section.id}
            section={section}
            plainHeading={parsed[index]?.heading ?? ''}
            currentMatch={total > 0 ? current : null}
            onLink={onSectionLink}
          />
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {copied}
      </p>
    </article>
  );
}
