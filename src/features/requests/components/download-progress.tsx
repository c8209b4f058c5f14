import type { DownloadState } from '../api/download-export.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { RequestErrorMessage } from './request-error-message.tsx';

function formatBytes(bytes: number, locale: string): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

/**
 * The download as it goes: a native <progress> (determinate when the server announced a size)
 * and the same in words, announced politely; then where the file went, or why it failed.
 */
export function DownloadProgress({ state }: { state: DownloadState }) {
  const { t, locale } = useT();
  if (state.name === 'idle') return null;
  if (state.name === 'failed') return <RequestErrorMessage error={state.error} />;
  if (state.name === 'done') {
    return (
      <p className="download-done" role="status">
        {t('download.done', { name: state.fileName, size: formatBytes(state.bytes, locale) })}
      </p>
    );
  }
  const { receivedBytes, totalBytes, items } = state.progress;
  const received = formatBytes(receivedBytes, locale);
  const percent =
    totalBytes !== null ? Math.min(100, Math.round((receivedBytes / totalBytes) * 100)) : null;
  const words =
    totalBytes !== null && percent !== null
      ? t('download.progress', { received, total: formatBytes(totalBytes, locale), percent })
      : items !== null
        ? t('download.progressItems', { received, items })
        : t('download.progressUnknown', { received });
  return (
    <div className="download-progress">
      <progress
        aria-label={t('download.progressLabel')}
        max={totalBytes ?? undefined}
        value={totalBytes !== null ? Math.min(receivedBytes, totalBytes) : undefined}
      />
      <p role="status">{words}</p>
    </div>
  );
}
