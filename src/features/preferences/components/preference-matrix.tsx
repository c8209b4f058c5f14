import { Link } from 'react-router';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useIsOnline } from '../../../lib/online-status.ts';
import { paths } from '../../../lib/paths.ts';
import { usePreferences } from '../api/get-preferences.ts';
import { useHonourGpc } from '../api/honour-gpc.ts';
import {
  useDismissFailedChanges,
  useFailedPreferenceChanges,
  useHasSavedPreferences,
  usePendingPreferenceChanges,
  useSetPreference,
} from '../api/use-preference-changes.ts';
import { cellName } from '../lib/labels.ts';
import { showMatrix } from '../lib/matrix.ts';
import { PreferenceCard } from './preference-card.tsx';
import { PushPermissionNote, useDevicePush } from './push-permission-note.tsx';

/**
 * The owner's choices, category by category. A change shows at once; offline it is saved on
 * the phone, marked as waiting, and sent when the network returns (even after a reload).
 */
export function PreferenceMatrix({ clinic }: { clinic: string }) {
  const { t, formatDate, formatDateTime } = useT();
  const query = usePreferences();
  const pending = usePendingPreferenceChanges();
  const failed = useFailedPreferenceChanges();
  const dismiss = useDismissFailedChanges();
  const setPreference = useSetPreference();
  const pushPermission = useDevicePush(clinic);
  const isOnline = useIsOnline();
  const { isHonoured } = useHonourGpc();
  const matrix = query.data.data;
  const rows = showMatrix(matrix.matrix, pending);

  const waiting = pending.filter((change) => change.isWaiting).length;
  const hasSaved = useHasSavedPreferences();
  // Offline, the page shows what this phone kept from the last visit: say how old it is.
  const isKeptCopy = query.error instanceof ApiError && query.error.code === 'network';

  return (
    <div className="preferences">
      {matrix.gpcHonouredAt || isHonoured ? (
        <Notice>
          <p>
            {t('pref.gpcHonoured')}
            {matrix.gpcHonouredAt
              ? ` ${t('pref.gpcSince', { date: formatDate(matrix.gpcHonouredAt) })}`
              : ''}
          </p>
        </Notice>
      ) : null}
      {isKeptCopy ? (
        <p className="saved-copy">
          {t('pref.keptCopy', {
            datetime: formatDateTime(new Date(query.dataUpdatedAt).toISOString()),
          })}
        </p>
      ) : null}

      <p className="pref-status" role="status">
        {waiting > 0
          ? t('pref.waitingSummary', { count: waiting })
          : pending.length > 0 && isOnline
            ? t('pref.pending.sending')
            : hasSaved && failed.length === 0
              ? t('pref.saved')
              : ''}
      </p>

      {failed.length > 0 ? (
        <div className="pref-failures" role="alert">
          {failed.map((change) => (
            <div key={change.mutationId} className="pref-failure">
              <p className="pref-failure__title">
                {t('pref.failed', { cell: cellName(change.category, change.channel, t) })}
              </p>
              <ApiErrorMessage error={change.error} isAnnounced={false} />
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dismiss(failed.map((change) => change.mutationId))}
          >
            {t('pref.dismiss')}
          </button>
        </div>
      ) : null}

      <PushPermissionNote permission={pushPermission} />

      <div className="pref-cards">
        {rows.map((row) => (
          <PreferenceCard
            key={row.category}
            category={row.category}
            cells={row.cells}
            pushPermission={pushPermission}
            onChange={(cell, isOn) =>
              setPreference({ category: cell.category, channel: cell.channel, enabled: isOn })
            }
          />
        ))}
      </div>

      <p>
        <Link className="text-link" to={paths.consentHistory(clinic)}>
          {t('pref.historyLink')}
        </Link>
      </p>
    </div>
  );
}
