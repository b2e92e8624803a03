import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './app/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Home } from './app/home.js';
import { LangProvider } from './app/i18n.js';
import { Inbox } from './pages/inbox/Inbox.js';
import { Manager } from './pages/manager/Manager.js';
import { WallScreen } from './pages/wall/WallScreen.js';

// One app, three pages by path: the gateway serves index.html for each of them.
const pages: Record<string, () => React.JSX.Element> = {
  '/wall': WallScreen,
  '/inbox': Inbox,
  '/manager': Manager,
};
const path = window.location.pathname.replace(/\/+$/, '') || '/';
const Current = pages[path] ?? Home;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <Current />
    </LangProvider>
  </StrictMode>,
);
