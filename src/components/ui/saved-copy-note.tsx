import { useT } from '../../lib/i18n/i18n.tsx';

/** Says how old the shown copy is when the service worker answered from its cache. */
export function SavedCopyNote({
  isFromCache,
  fetchedAt,
}: {
  isFromCache: boolean;
  fetchedAt: string | null;
}) {
  const { t, formatDateTime } = useT();
  if (!isFromCache || !fetchedAt) return null;
  return (
    <p className="saved-copy" role="status">
      {t('reader.savedCopy', { datetime: formatDateTime(fetchedAt) })}
    </p>
  );
}
