import { useMessages } from './i18n.js';
import { Page } from './layout.js';
import { commonMessages } from './messages.js';

/** Where `/` leads: the three pages. */
export function Home() {
  const t = useMessages(commonMessages);
  return (
    <Page title={t('home')}>
      <p className="utrecht-paragraph">{t('homeIntro')}</p>
      <ul className="utrecht-link-list">
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href="/inbox">
            {t('inbox')}
          </a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href="/manager">
            {t('manager')}
          </a>
        </li>
      </ul>
    </Page>
  );
}
