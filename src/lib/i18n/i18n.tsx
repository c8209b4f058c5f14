import {
  createContext,
  Fragment,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { readStored, storageKeys, writeStored } from '../storage.ts';
import type { AccountEnglishMessages } from './account-en.ts';
import type { UpdatesEnglishMessages } from './updates-en.ts';
import type { RequestsEnglishMessages } from './requests-en.ts';
import { en, type EnglishMessages } from './en.ts';
import { es } from './es.ts';

export const locales = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;
export type Locale = (typeof locales)[number]['code'];

/**
 * The shell's messages are always here. The account screens' messages (sign-in, account,
 * preferences) are a catalog of their own, loaded with those lazy screens by
 * `loadAccountMessages()`, so that the policy reader's first download does not carry them.
 */
type AllMessages = EnglishMessages &
  AccountEnglishMessages &
  RequestsEnglishMessages &
  UpdatesEnglishMessages;
export type MessageKey = keyof AllMessages;

const dictionaries: Record<Locale, Partial<Record<MessageKey, string>>> = {
  en: { ...en },
  es: { ...es },
};

let accountMessages: Promise<void> | undefined;

/** Resolves once the account catalog is in place; later calls reuse the first load. */
export function loadAccountMessages(): Promise<void> {
  accountMessages ??= import('./account-messages.ts').then(({ accountMessages: catalog }) => {
    Object.assign(dictionaries.en, catalog.en);
    Object.assign(dictionaries.es, catalog.es);
  });
  return accountMessages;
}

let requestsMessages: Promise<void> | undefined;

/** The privacy requests' catalog (owner, public page, staff console), loaded with those screens. */
export function loadRequestsMessages(): Promise<void> {
  requestsMessages ??= import('./requests-messages.ts').then(({ requestsMessages: catalog }) => {
    Object.assign(dictionaries.en, catalog.en);
    Object.assign(dictionaries.es, catalog.es);
  });
  return requestsMessages;
}

let updatesMessages: Promise<void> | undefined;

/** The updates inbox, push devices and the staff's "send an update" screen, loaded with them. */
export function loadUpdatesMessages(): Promise<void> {
  updatesMessages ??= import('./updates-messages.ts').then(({ updatesMessages: catalog }) => {
    Object.assign(dictionaries.en, catalog.en);
    Object.assign(dictionaries.es, catalog.es);
  });
  return updatesMessages;
}

function message(locale: Locale, key: MessageKey): string {
  // A key of a catalog that is not loaded yet shows as itself rather than breaking the page.
  return dictionaries[locale][key] ?? dictionaries.en[key] ?? key;
}

function isLocale(value: unknown): value is Locale {
  return locales.some((l) => l.code === value);
}

/** The first of the browser's preferred languages that we speak, by primary subtag. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

function initialLocale(): Locale {
  const stored = readStored(storageKeys.locale);
  if (isLocale(stored)) return stored;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return detectLocale(languages);
}

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
export type MessageParams<K extends MessageKey> = Placeholders<AllMessages[K]>;
type ParamArgs<K extends MessageKey, V> = [MessageParams<K>] extends [never]
  ? []
  : [params: Record<MessageParams<K>, V>];

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The message as plain text, with `{name}` filled in. */
  t: <K extends MessageKey>(key: K, ...params: ParamArgs<K, string | number>) => string;
  /** The message with elements (a link, an icon) in place of its `{name}` placeholders. */
  rich: <K extends MessageKey>(key: K, ...params: ParamArgs<K, ReactNode>) => ReactNode;
  /** A calendar date, in the clinic's time zone when one is set (see TimeZoneProvider). */
  formatDate: (iso: string, style?: 'long' | 'medium') => string;
  /** A date and time on this phone's clock, e.g. when a saved copy was fetched. */
  formatDateTime: (iso: string) => string;
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);
const TimeZoneContext = createContext<string | undefined>(undefined);

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function fillRich(template: string, params: Record<string, ReactNode>): ReactNode {
  // split() with a capturing group puts the placeholder names at the odd indexes.
  const pieces = template.split(PLACEHOLDER);
  return pieces.map((piece, index) =>
    index % 2 === 1 ? <Fragment key={index}>{params[piece] ?? `{${piece}}`}</Fragment> : piece,
  );
}

export function I18nProvider({
  children,
  locale: fixedLocale,
}: {
  children: ReactNode;
  /** For tests and previews; otherwise the stored choice or the browser's languages. */
  locale?: Locale;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => fixedLocale ?? initialLocale());

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    writeStored(storageKeys.locale, next);
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** Policy dates are calendar dates of the clinic, so they are shown in its time zone. */
export function TimeZoneProvider({
  timeZone,
  children,
}: {
  timeZone: string | undefined;
  children: ReactNode;
}) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An unknown time zone from the server must not break the page: fall back to this phone's.
      const withoutZone = { ...options };
      delete withoutZone.timeZone;
      cached = new Intl.DateTimeFormat(locale, withoutZone);
    }
    formatters.set(key, cached);
  }
  return cached;
}

export function useT(): I18n {
  const state = useContext(LocaleContext);
  const timeZone = useContext(TimeZoneContext);
  if (!state) throw new Error('useT() needs an <I18nProvider> above it.');
  const { locale, setLocale } = state;

  return useMemo<I18n>(() => {
    return {
      locale,
      setLocale,
      t: (key, ...params) => fill(message(locale, key), params[0] ?? {}),
      rich: (key, ...params) => fillRich(message(locale, key), params[0] ?? {}),
      formatDate: (iso, style = 'long') =>
        formatter(locale, { dateStyle: style, ...(timeZone ? { timeZone } : {}) }).format(
          new Date(iso),
        ),
      formatDateTime: (iso) =>
        formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    };
  }, [locale, setLocale, timeZone]);
}
