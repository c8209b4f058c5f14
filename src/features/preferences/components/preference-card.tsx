import { useId } from 'react';
import type { Category } from '../../../contract/preferences.ts';
import { Switch } from '../../../components/ui/switch.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { categoryName, channelPhrase } from '../lib/labels.ts';
import type { ShownCell } from '../lib/matrix.ts';
import { pushCellNote, type DevicePush } from './push-permission-note.tsx';

function LockIcon() {
  return (
    <svg
      className="lock-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3 7h10v7.5H3z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * One category: its name, what it is in one line, and a switch per channel. A card per
 * category rather than a table, so that it reads the same at 320 px as on a desktop.
 */
export function PreferenceCard({
  category,
  cells,
  pushPermission,
  onChange,
}: {
  category: Category;
  cells: ShownCell[];
  pushPermission: DevicePush;
  onChange: (cell: ShownCell, isOn: boolean) => void;
}) {
  const { t, rich, locale } = useT();
  const id = useId();
  const isService = category === 'service';
  const lockedReasonId = `${id}-locked`;
  const lockedCell = cells.find((cell) => cell.locked);
  // We know why service messages are locked and say it in the owner's language; any other
  // lock carries the server's own reason.
  const lockedReason = isService
    ? t('pref.serviceLocked')
    : locale === 'en' && lockedCell?.reason
      ? lockedCell.reason
      : t('pref.lockedOther');

  return (
    <section className="pref-card card" aria-labelledby={`${id}-name`}>
      <h2 className="pref-card__name" id={`${id}-name`}>
        {categoryName(category, t)}
      </h2>
      <p className="pref-card__about">{t(`pref.about.${category}`)}</p>
      <ul className="pref-card__cells">
        {cells.map((cell) => {
          const switchId = `${id}-${cell.channel}`;
          const noteId = `${switchId}-note`;
          const pushNote = cell.channel === 'push' ? pushCellNote(pushPermission, t) : null;
          const notes = [
            cell.pending === 'waiting'
              ? { text: t('pref.pending.waiting'), isPending: true }
              : cell.pending === 'sending'
                ? { text: t('pref.pending.sending'), isPending: true }
                : null,
            pushNote ? { text: pushNote, isPending: false } : null,
            !cell.locked && cell.reason ? { text: cell.reason, isPending: false } : null,
          ].filter((note) => note !== null);
          const describedBy = [
            cell.locked ? lockedReasonId : null,
            notes.length > 0 ? noteId : null,
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={cell.channel}
              className={`pref-cell${cell.pending ? ' is-pending' : ''}${cell.locked ? ' is-locked' : ''}`}
            >
              <Switch
                id={switchId}
                isOn={cell.enabled}
                isDisabled={cell.locked}
                describedBy={describedBy || undefined}
                onLabel={cell.locked ? t('pref.alwaysOn') : t('pref.on')}
                offLabel={t('pref.off')}
                onChange={(isOn) => onChange(cell, isOn)}
                label={
                  <>
                    {cell.locked ? <LockIcon /> : null}
                    {/* One span, so the label's flex layout keeps the space inside the name. */}
                    <span>
                      {rich('pref.cellName', {
                        category: (
                          <span className="visually-hidden">{categoryName(category, t)}</span>
                        ),
                        channel: (
                          <span className="pref-cell__channel">
                            {channelPhrase(cell.channel, t)}
                          </span>
                        ),
                      })}
                    </span>
                  </>
                }
              />
              {notes.length > 0 ? (
                <p className="pref-cell__note" id={noteId}>
                  {notes.map((note) => (
                    <span
                      key={note.text}
                      className={note.isPending ? 'pref-cell__pending' : undefined}
                    >
                      {note.text}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {lockedCell ? (
        <div className="pref-card__locked" id={lockedReasonId}>
          <p>
            <LockIcon /> {lockedReason}
          </p>
          {isService ? <p>{t('pref.closingAccount')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
