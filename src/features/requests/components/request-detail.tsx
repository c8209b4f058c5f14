import { useEffect, useId, useRef, useState } from 'react';
import type { PrivacyRequestDetail } from '../../../contract/requests.ts';
import type { User } from '../../../contract/auth.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { useConfirmRequest } from '../api/confirm-request.ts';
import { useExportDownload } from '../api/download-export.ts';
import { useRequest } from '../api/get-request.ts';
import { DownloadProgress } from './download-progress.tsx';
import { Receipt } from './receipt.tsx';
import { RequestErrorMessage } from './request-error-message.tsx';
import { RequestTimeline } from './request-timeline.tsx';
import { isSteppedUp, StepUpGate } from './step-up-gate.tsx';

/** One request: its receipt and countdown, what the owner asked, its timeline, and what to do. */
export function RequestDetail({
  id,
  user,
  timeZone,
}: {
  id: number;
  user: User;
  timeZone: string;
}) {
  const { t } = useT();
  const now = useNow();
  const request = useRequest(id).data.data;
  const timelineId = useId();
  return (
    <div className="request-detail">
      {request.verification === 'awaiting-owner' &&
      request.status !== 'completed' &&
      request.status !== 'denied' ? (
        <ConfirmAgentRequest request={request} />
      ) : null}
      <Receipt request={request} timeZone={timeZone} now={now} />
      <RequestDetails request={request} />
      {request.exportUrl ? <AttachedExport url={request.exportUrl} user={user} /> : null}
      {request.status === 'denied' ? (
        <p className="notice">{request.rightToComplain ?? t('request.complaint')}</p>
      ) : null}
      <section aria-labelledby={timelineId}>
        <h2 id={timelineId}>{t('request.timeline')}</h2>
        <RequestTimeline request={request} timeZone={timeZone} />
      </section>
    </div>
  );
}

function RequestDetails({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useT();
  const { note, corrections } = request.details;
  if (!note && !corrections?.length) return null;
  return (
    <section className="request-details">
      <h2>{t('request.details')}</h2>
      {corrections?.length ? (
        <ul>
          {corrections.map((correction, index) => (
            <li key={index}>
              {t('request.correction', {
                field: correction.field,
                current: correction.old ?? '—',
                corrected: correction.new,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {note ? <p className="request-details__note">{note}</p> : null}
    </section>
  );
}

/** An authorized agent's request waits until the owner confirms it directly (11 CCR §7063). */
function ConfirmAgentRequest({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useT();
  const confirm = useConfirmRequest(request.id);
  const headingId = useId();
  return (
    <section className="notice notice--warning confirm-agent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('request.confirmTitle')}</h2>
      <p>{t('request.confirmBody')}</p>
      {request.agentName ? <p>{request.agentName}</p> : null}
      <RequestErrorMessage error={confirm.error} />
      <p>
        <button
          type="button"
          className="button"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate()}
        >
          {t('request.confirm')}
        </button>
      </p>
    </section>
  );
}

/** A completed access or portability request's export: after a fresh code, like any download. */
function AttachedExport({ url, user }: { url: string; user: User }) {
  const { t } = useT();
  const now = useNow();
  const headingId = useId();
  const [isConfirmed, setConfirmed] = useState(() => isSteppedUp(user.steppedUpUntil, now));
  const [isAsked, setAsked] = useState(false);
  const download = useExportDownload(url);
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (download.state.name === 'done') status.current?.focus();
  }, [download.state.name]);

  const start = () => {
    setAsked(true);
    if (isConfirmed) void download.start();
  };
  return (
    <section className="attached-export" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('request.download')}</h2>
      <p className="muted">{t('request.downloadHint')}</p>
      {isAsked && !isConfirmed ? (
        <StepUpGate
          email={user.email}
          onConfirmed={() => {
            setConfirmed(true);
            void download.start();
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            className="button"
            disabled={download.state.name === 'downloading'}
            onClick={start}
          >
            {t('request.download')}
          </button>
        </p>
      )}
      <div ref={status} tabIndex={-1}>
        <DownloadProgress state={download.state} />
      </div>
    </section>
  );
}
