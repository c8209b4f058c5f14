import { useEffect, useRef, useState } from 'react';
import type { User } from '../../../contract/auth.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { useExportDownload } from '../api/download-export.ts';
import { DownloadProgress } from './download-progress.tsx';
import { isSteppedUp, StepUpGate } from './step-up-gate.tsx';

/**
 * Self-service download of everything held about the owner, at once, after a fresh code.
 * The file streams with a progress indicator and is saved as one download.
 */
export function DownloadData({ user }: { user: User }) {
  const { t } = useT();
  const now = useNow();
  const [isConfirmed, setConfirmed] = useState(() => isSteppedUp(user.steppedUpUntil, now));
  const download = useExportDownload();
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (download.state.name === 'done' || download.state.name === 'failed') {
      result.current?.focus();
    }
  }, [download.state.name]);

  const isDownloading = download.state.name === 'downloading';
  return (
    <div className="download-data">
      <p>{t('download.format')}</p>
      {isConfirmed ? (
        <p className="form-actions">
          <button
            type="button"
            className="button"
            disabled={isDownloading}
            onClick={() => void download.start()}
          >
            {download.state.name === 'done' ? t('download.again') : t('download.start')}
          </button>
          {isDownloading ? (
            <button type="button" className="button button--quiet" onClick={download.cancel}>
              {t('download.cancel')}
            </button>
          ) : null}
        </p>
      ) : (
        <StepUpGate
          email={user.email}
          onConfirmed={() => {
            setConfirmed(true);
            void download.start();
          }}
        />
      )}
      <div ref={result} tabIndex={-1} className="download-data__result">
        <DownloadProgress state={download.state} />
      </div>
    </div>
  );
}
