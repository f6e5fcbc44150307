import './setup-antd';
import 'antd-mobile/es/global';
import { reduceMotion } from 'antd-mobile/es/utils/reduce-and-restore-motion';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { captureInstallPrompt } from './pwa/install';
import { registerServiceWorker } from './pwa/register-sw';
import { applyPreferencesToDocument, PreferencesProvider } from './state/preferences';
import { browserStore, readPreferences } from './state/storage';
import './styles.css';

const store = browserStore();
const preferences = readPreferences(store);
applyPreferencesToDocument(preferences);
captureInstallPrompt();
if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) reduceMotion();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

function render(initial: typeof preferences) {
  createRoot(container as HTMLElement).render(
    <StrictMode>
      <PreferencesProvider initial={initial} store={store}>
        <App />
      </PreferencesProvider>
    </StrictMode>,
  );
}

// Chinese is bundled, so zh-CN renders at once; English first loads its words (a few KB).
initI18n(preferences.lang).then(
  () => render(preferences),
  () => {
    const fallback = { ...preferences, lang: 'zh-CN' as const };
    applyPreferencesToDocument(fallback);
    render(fallback);
  },
);

if (import.meta.env.PROD) registerServiceWorker();
