import { useId } from 'react';
import type { UpdateProgress, UpdateSummary } from '../../../contract/push.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useSentUpdates } from '../api/get-sent-updates.ts';
import { useUpdateProgress } from '../api/get-update-progress.ts';

const FIGURES = ['targeted', 'delivered', 'failed', 'removed', 'pending'] as const;

function SentUpdate({ clinic, update }: { clinic: string; update: UpdateSummary }) {
  const { t, formatDateTime } = useT();
  const headingId = useId();
  const live = useUpdateProgress(clinic, update.id, update.status !== 'done');
  const progress: UpdateProgress = live.data?.data ?? update;
  const finished = progress.delivered + progress.failed + progress.removed;

  return (
    <li className="sent-update card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="sent-update__title">
          {update.title}
        </h3>
        <p className="muted">
          <Badge tone={progress.status === 'done' ? 'neutral' : 'accent'}>
            {t(`console.updates.status.${progress.status}`)}
          </Badge>{' '}
          {t(`updates.category.${update.category}`)}
          {' · '}
          {t('console.updates.sentBy', {
            datetime: formatDateTime(update.createdAt),
            who: update.sentBy,
          })}
        </p>
        <progress
          className="sent-update__bar"
          max={Math.max(progress.targeted, 1)}
          value={progress.targeted === 0 ? (progress.status === 'done' ? 1 : 0) : finished}
          aria-label={t('console.updates.progressLabel', { title: update.title })}
        />
        <dl className="sent-update__figures">
          {FIGURES.map((figure) => (
            <div key={figure}>
              <dt>{t(`console.updates.${figure}`)}</dt>
              <dd>{progress[figure]}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('console.updates.inbox', { count: update.inboxRecipients })}</p>
      </article>
    </li>
  );
}

/** What the clinic has sent, newest first, with live delivery figures while a fan-out runs. */
export function SentUpdates({ clinic }: { clinic: string }) {
  const { t } = useT();
  const headingId = useId();
  const { data: updates } = useSentUpdates(clinic);
  return (
    <section aria-labelledby={headingId} className="sent-updates">
      <h2 id={headingId}>{t('console.updates.listTitle')}</h2>
      {updates.data.length === 0 ? (
        <p className="muted">{t('console.updates.listEmpty')}</p>
      ) : (
        <ol className="sent-updates__list">
          {updates.data.map((update) => (
            <SentUpdate key={update.id} clinic={clinic} update={update} />
          ))}
        </ol>
      )}
    </section>
  );
}
