import { type FormEvent, type ReactNode, useState } from 'react';
import { forgetToken, rememberToken, sessionToken } from './credentials.js';
import { useMessages } from './i18n.js';
import { Page } from './layout.js';
import { commonMessages } from './messages.js';

/**
 * A person's pages need a token: from `#token=` or this tab's session, else pasted here (an
 * identity provider's login takes this place in an installation with one).
 */
export function WithToken({
  title,
  children,
}: {
  title: string;
  children: (token: string, signOut: () => void) => ReactNode;
}) {
  const t = useMessages(commonMessages);
  const [token, setToken] = useState(sessionToken);
  const [draft, setDraft] = useState('');
  if (token) {
    const signOut = () => {
      forgetToken();
      setToken(null);
    };
    return <>{children(token, signOut)}</>;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    if (!value) return;
    rememberToken(value);
    setToken(value);
  };
  return (
    <Page title={title}>
      <h2 className="utrecht-heading-2">{t('signInTitle')}</h2>
      <form className="utrecht-form" onSubmit={submit}>
        <p className="utrecht-paragraph">{t('signInExplain')}</p>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="token">
            {t('token')}
          </label>
          <input
            id="token"
            className="utrecht-textbox"
            autoComplete="off"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t('signIn')}
        </button>
      </form>
    </Page>
  );
}
