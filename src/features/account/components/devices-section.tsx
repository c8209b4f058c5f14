import { useId, useState } from 'react';
import type { SessionInfo } from '../../../contract/auth.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { useT, type I18n } from '../../../lib/i18n/i18n.tsx';
import { useSessions } from '../api/get-sessions.ts';
import { useSignOutOthers } from '../api/sign-out-others.ts';
import { deviceName } from '../lib/device-name.ts';

function describeDevice(session: SessionInfo, t: I18n['t']): string {
  const { browser, system } = deviceName(session.userAgent);
  if (browser && system) return t('devices.browserOn', { browser, system });
  return browser ?? system ?? t('devices.unknown');
}

/** Where the account is signed in, and a way to end every other session (a lost phone). */
export function DevicesSection() {
  const { t, formatDateTime } = useT();
  const headingId = useId();
  const { data: sessions } = useSessions();
  const signOutOthers = useSignOutOthers();
  const [ended, setEnded] = useState<number | null>(null);
  const others = sessions.data.filter((s) => !s.isCurrent).length;

  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('devices.title')}</h2>
      <ul className="device-list">
        {sessions.data.map((session) => (
          <li key={session.id} className="device-list__item">
            <p className="device-list__name">
              {describeDevice(session, t)}{' '}
              {session.isCurrent ? <Badge tone="accent">{t('devices.thisDevice')}</Badge> : null}
            </p>
            <p className="muted">
              {t('devices.lastUsed', { datetime: formatDateTime(session.lastSeenAt) })}
              {' · '}
              {t('devices.signedIn', { datetime: formatDateTime(session.createdAt) })}
            </p>
          </li>
        ))}
      </ul>
      <p role="status" className="form-status">
        {ended === null ? '' : t('devices.endedOthers', { count: ended })}
      </p>
      <ApiErrorMessage error={signOutOthers.error} />
      {others > 0 ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={signOutOthers.isPending}
          onClick={() => signOutOthers.mutate(undefined, { onSuccess: (r) => setEnded(r.ended) })}
        >
          {t('devices.signOutOthers')}
        </button>
      ) : (
        <p className="muted">{t('devices.onlyThis')}</p>
      )}
    </section>
  );
}
