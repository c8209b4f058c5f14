import { useId } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useIsSignedInHint } from '../../../lib/session-hint.ts';
import { useScrollToHash } from '../../../lib/use-scroll-to-hash.ts';
import { useInbox } from '../api/get-inbox.ts';
import { isInClinicScope } from '../lib/update-link.ts';

/**
 * The in-app Updates inbox: every clinic update, so nothing is missed without push. Owners see
 * the server's list and this device's copy; visitors only what reached this device.
 */
export function UpdatesInbox({ clinic, clinicName }: { clinic: string; clinicName: string }) {
  const { t, formatDateTime } = useT();
  const isSignedIn = useIsSignedInHint(clinic);
  const { data: inbox } = useInbox(clinic);
  const listId = useId();
  useScrollToHash(true);

  return (
    <>
      <p className="lead">
        {isSignedIn
          ? t('updates.intro', { clinic: clinicName })
          : t('updates.introVisitor', { clinic: clinicName })}
      </p>
      {isSignedIn ? (
        <p>
          <Link className="text-link" to={paths.devices(clinic)}>
            {t('updates.devicesLink')}
          </Link>
        </p>
      ) : (
        <p>
          <Link className="text-link" to={paths.signIn(clinic, paths.updates(clinic))}>
            {t('updates.signIn')}
          </Link>
        </p>
      )}
      {inbox.isSavedCopy ? (
        <Notice>
          <p>{t('updates.savedOnPhone')}</p>
        </Notice>
      ) : null}
      {inbox.items.length === 0 ? (
        <p className="muted">{t('updates.empty')}</p>
      ) : (
        <ol className="inbox" id={listId}>
          {inbox.items.map((item) => (
            <li key={item.id} id={`update-${item.id}`} className="inbox__item card">
              <article aria-labelledby={`${listId}-${item.id}`}>
                <h2 id={`${listId}-${item.id}`} className="inbox__title">
                  {item.title}
                </h2>
                <p className="inbox__meta muted">
                  <Badge tone={item.category === 'marketing' ? 'neutral' : 'accent'}>
                    {t(`updates.category.${item.category}`)}
                  </Badge>{' '}
                  <time dateTime={item.sentAt}>
                    {t('updates.sentAt', { datetime: formatDateTime(item.sentAt) })}
                  </time>
                </p>
                <p className="inbox__body">{item.body}</p>
                {item.url && isInClinicScope(clinic, item.url) ? (
                  <Link className="text-link" to={item.url}>
                    {t('updates.open', { title: item.title })}
                  </Link>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
