import { useId, type FormEvent } from 'react';
import type { PolicyVersionListItem } from '../../../contract/policy.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Two selects and a Compare button. The comparison changes only on submit, so moving
 * through the options with a keyboard or screen reader does not reload the page under them.
 */
export function VersionPicker({
  versions,
  from,
  to,
  onCompare,
}: {
  versions: PolicyVersionListItem[];
  from: number;
  to: number;
  onCompare: (from: number, to: number) => void;
}) {
  const { t, formatDate } = useT();
  const fromId = useId();
  const toId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const nextFrom = Number(form.get('from'));
    const nextTo = Number(form.get('to'));
    if (Number.isInteger(nextFrom) && Number.isInteger(nextTo)) onCompare(nextFrom, nextTo);
  };

  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t('diff.option', { version: v.version, date: formatDate(v.effectiveAt, 'medium') })}
    </option>
  ));

  return (
    // Re-mounted (key) when the URL changes, so the selects always show what is compared.
    <form className="version-picker" onSubmit={onSubmit} key={`${from}-${to}`}>
      <div className="field">
        <label htmlFor={fromId}>{t('diff.from')}</label>
        <select id={fromId} name="from" defaultValue={from}>
          {options}
        </select>
      </div>
      <div className="field">
        <label htmlFor={toId}>{t('diff.to')}</label>
        <select id={toId} name="to" defaultValue={to}>
          {options}
        </select>
      </div>
      <button type="submit" className="button">
        {t('diff.compare')}
      </button>
    </form>
  );
}
