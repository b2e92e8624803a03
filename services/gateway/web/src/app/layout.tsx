import type { ReactNode } from 'react';
import { LANGUAGES, type Lang, useLang, useMessages } from './i18n.js';
import { commonMessages } from './messages.js';

/** The language choice, as links a keyboard reaches (the current one marked). */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useMessages(commonMessages);
  const names: Record<Lang, string> = { nl: t('dutch'), en: t('english') };
  return (
    <nav className="stuurwiel-language" aria-label={t('language')}>
      {LANGUAGES.map((one) => (
        <button
          key={one}
          type="button"
          lang={one}
          className="utrecht-button utrecht-button--subtle"
          aria-pressed={one === lang}
          onClick={() => setLang(one)}
        >
          {names[one]}
        </button>
      ))}
    </nav>
  );
}

/**
 * The frame of the inbox and the manager views: a skip link, a header with the title and the
 * language choice, and one main landmark.
 */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useMessages(commonMessages);
  return (
    <div className="utrecht-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('skipToContent')}
      </a>
      <header className="utrecht-page-header stuurwiel-header">
        <span className="stuurwiel-brand">stuurwiel</span>
        <h1 className="utrecht-heading-1">{title}</h1>
        <div className="stuurwiel-header-actions">
          {actions}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="utrecht-page-content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
