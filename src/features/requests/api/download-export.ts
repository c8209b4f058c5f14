import { useCallback, useRef, useState } from 'react';

import { ApiError, apiFile } from '../../../lib/api-client.ts';

/**
 * One download with everything: data.json (documented, with a schema version), index.html (a
 * readable view) and one CSV per section, in a ZIP (src/contract/requests.ts, DataExportSchema).
 */
export const EXPORT_PATH = '/api/me/export?format=zip';
/**
 * Byte sizes the server may announce. The export streams (chunked, no Content-Length) unless
 * the server sends a size hint; without one the indicator shows bytes and records, no percent.
 */
export const SIZE_HINT_HEADERS = ['x-export-size', 'content-length'] as const;
/** The number of records in the export (the server's progress hint). */
export const ITEMS_HEADER = 'x-export-items';

export interface ExportProgress {
  receivedBytes: number;
  /** Null when the server gave no size: the indicator then shows bytes only. */
  totalBytes: number | null;
  /** How many records the export holds, when the server says. */
  items: number | null;
}

export interface DownloadedExport {
  blob: Blob;
  fileName: string;
}

/** RFC 6266: `attachment; filename="…"` (and the RFC 8187 `filename*` form, preferred). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

function itemsOf(headers: Headers): number | null {
  const value = headers.get(ITEMS_HEADER);
  const items = Number(value);
  return value !== null && Number.isInteger(items) && items >= 0 ? items : null;
}

/**
 * Fetches an export (everything, or one attached to a request), reporting bytes as they
 * arrive. Needs a stepped-up session (403 `step-up-required` otherwise).
 */
export async function downloadExport(
  path: string,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadedExport> {
  const response = await apiFile(path, signal);
  const { headers } = response;
  const items = itemsOf(headers);
  const sizes = SIZE_HINT_HEADERS.map((name) => Number(headers.get(name)));
  const totalBytes = sizes.find((size) => Number.isFinite(size) && size > 0) ?? null;
  const type = headers.get('content-type') ?? 'application/octet-stream';
  const fileName = fileNameFrom(headers.get('content-disposition'), 'my-data');
  let receivedBytes = 0;
  onProgress({ receivedBytes, totalBytes, items });

  const reader = response.body?.getReader();
  if (!reader) {
    // No stream to read (an old engine): the whole body at once, progress in one step.
    const blob = await response.blob();
    onProgress({ receivedBytes: blob.size, totalBytes: totalBytes ?? blob.size, items });
    return { blob, fileName };
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      receivedBytes += value.byteLength;
      onProgress({ receivedBytes, totalBytes, items });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'The download was interrupted.');
  }
  return { blob: new Blob(chunks, { type }), fileName };
}

/** Hands a downloaded file to the browser, which saves it as it saves any download. */
export function saveFile({ blob, fileName }: DownloadedExport): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL can go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type DownloadState =
  | { name: 'idle' }
  | { name: 'downloading'; progress: ExportProgress }
  | { name: 'done'; fileName: string; bytes: number }
  | { name: 'failed'; error: unknown };

/** The download as a state for the screen: idle → downloading (with progress) → done | failed. */
export function useExportDownload(path: string = EXPORT_PATH) {
  const [state, setState] = useState<DownloadState>({ name: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({
      name: 'downloading',
      progress: { receivedBytes: 0, totalBytes: null, items: null },
    });
    try {
      const file = await downloadExport(
        path,
        (progress) => setState({ name: 'downloading', progress }),
        abort.signal,
      );
      saveFile(file);
      setState({ name: 'done', fileName: file.fileName, bytes: file.blob.size });
      return true;
    } catch (error) {
      if (abort.signal.aborted) return false;
      setState({ name: 'failed', error });
      return false;
    }
  }, [path]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setState({ name: 'idle' });
  }, []);

  return { state, start, cancel };
}
