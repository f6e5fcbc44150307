import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../state/storage';
import { PROBLEMS_NS } from './problems';
import { zh } from './zh';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zh };
  }
}

/** English is loaded on demand: most people read Chinese, and every kilobyte counts on a slow network. */
async function loadLanguage(lang: Lang) {
  if (lang !== 'en') return;
  if (i18next.hasResourceBundle('en', 'translation') && i18next.hasResourceBundle('en', PROBLEMS_NS)) return;
  const { en, problemsEn } = await import('./en');
  // The server's error codes in English (problems.ts reads them); Chinese has none: the server's detail is Chinese.
  i18next.addResourceBundle('en', PROBLEMS_NS, problemsEn, true, true);
  i18next.addResourceBundle('en', 'translation', en, true, true);
}

export async function initI18n(lang: Lang) {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zh } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    react: { useSuspense: false },
  });
  if (lang !== 'zh-CN') await changeLanguage(lang);
  return i18next;
}

export async function changeLanguage(lang: Lang) {
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
}

export { i18next };
