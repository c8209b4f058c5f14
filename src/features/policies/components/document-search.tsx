import { useId, type KeyboardEvent } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { MIN_QUERY_LENGTH } from '../lib/document-search.ts';

interface Props {
  query: string;
  onQueryChange: (query: string) => void;
  total: number;
  /** Zero-based index of the current match. */
  current: number;
  onNext: () => void;
  onPrevious: () => void;
}

/** Find in page, made for phones: the browser's own find bar is hidden in installed apps. */
export function DocumentSearch({
  query,
  onQueryChange,
  total,
  current,
  onNext,
  onPrevious,
}: Props) {
  const { t } = useT();
  const inputId = useId();
  const hintId = useId();
  const isActive = query.trim().length >= MIN_QUERY_LENGTH;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) onPrevious();
      else onNext();
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      onQueryChange('');
    }
  };

  return (
    <div role="search" className={`doc-search${isActive ? ' is-active' : ''}`}>
      <label htmlFor={inputId}>{t('search.label')}</label>
      <div className="doc-search__row">
        <input
          id={inputId}
          type="search"
          value={query}
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby={hintId}
          onChange={(event) => onQueryChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="icon-button"
          onClick={onPrevious}
          disabled={total === 0}
          aria-label={t('search.previous')}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={onNext}
          disabled={total === 0}
          aria-label={t('search.next')}
        >
          <span aria-hidden="true">↓</span>
        </button>
      </div>
      <p id={hintId} className="visually-hidden">
        {t('search.hint')}
      </p>
      <p className="doc-search__status" role="status">
        {isActive
          ? total > 0
            ? t('search.position', { current: current + 1, total })
            : t('search.none')
          : ''}
      </p>
    </div>
  );
}
