import { createContext, type ReactNode, useContext, useState } from 'react';

export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/**
 * A page's texts: Dutch first (the users' language), English with the same keys. Each page keeps
 * its own dictionary beside it; `commonMessages` holds what every page says.
 */
export type Messages<K extends string> = { nl: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

const STORAGE_KEY = 'stuurwiel.lang';

/** `?lang=en` wins (a wall screen's URL), then the last choice on this device, then Dutch. */
export function initialLang(): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'nl' || asked === 'en') return asked;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({
  lang: 'nl',
  setLang: () => {},
});

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = (next: Lang) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  };
  document.documentElement.lang = lang;
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/**
 * `t(key, values)` in the current language; `{name}` in a text is replaced by `values.name`.
 */
export function useMessages<K extends string>(messages: Messages<K>) {
  const { lang } = useLang();
  return (key: K, values: Record<string, string | number> = {}) =>
    messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
}

/** Numbers and times as the language writes them; times in the municipalities' own zone. */
export function useFormat() {
  const { lang } = useLang();
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
  return {
    locale,
    number: (n: number) => number.format(n),
    percent: (share: number) => percent.format(share),
    time: (iso: string | Date) => time.format(typeof iso === 'string' ? new Date(iso) : iso),
    dateTime: (iso: string | Date) => dateTime.format(typeof iso === 'string' ? new Date(iso) : iso),
    /** Seconds as "4 min" or "1 u 05 min" / "1 h 05 min". */
    duration: (seconds: number) => {
      const minutes = Math.round(seconds / 60);
      if (minutes < 60) return `${minutes} min`;
      const h = Math.floor(minutes / 60);
      return `${h} ${lang === 'nl' ? 'u' : 'h'} ${String(minutes % 60).padStart(2, '0')} min`;
    },
  };
}
