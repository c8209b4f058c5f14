import { useId } from 'react';
import { locales, useT, type Locale } from '../../lib/i18n/i18n.tsx';

function isLocale(value: string): value is Locale {
  return locales.some((l) => l.code === value);
}

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useT();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {locales.map((l) => (
          // Each language is named in itself, so a reader of it can find it.
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
