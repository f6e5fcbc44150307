import { CITIES, type CityCode, findCity } from '@yss/contracts';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { changeLanguage } from '../i18n';
import { type KeyValueStore, type Lang, type Preferences, writePreferences } from './storage';

export type City = (typeof CITIES)[number];

export interface PreferencesApi extends Preferences {
  cityInfo: City;
  setCity: (city: CityCode) => void;
  setLang: (lang: Lang) => void;
  setCare: (care: boolean) => void;
}

const PreferencesContext = createContext<PreferencesApi | null>(null);

/** Reflects language and 关怀模式 on <html> (lang attribute, `care-mode` class). */
export function applyPreferencesToDocument(prefs: Pick<Preferences, 'lang' | 'care'>, doc: Document = document) {
  const root = doc.documentElement;
  root.lang = prefs.lang;
  root.classList.toggle('care-mode', prefs.care);
}

export function PreferencesProvider({
  initial,
  store,
  children,
}: {
  initial: Preferences;
  store: KeyValueStore | null;
  children: ReactNode;
}) {
  const [prefs, setPrefs] = useState<Preferences>(initial);

  const update = useCallback(
    (patch: Partial<Preferences>) => {
      setPrefs((current) => {
        const next = { ...current, ...patch };
        writePreferences(store, patch);
        applyPreferencesToDocument(next);
        return next;
      });
    },
    [store],
  );

  const setLang = useCallback(
    (lang: Lang) => {
      // Switch once the language's words are loaded (English is fetched on first use).
      void changeLanguage(lang).then(
        () => update({ lang }),
        () => update({ lang: 'zh-CN' }),
      );
    },
    [update],
  );
  const setCity = useCallback((city: CityCode) => update({ city }), [update]);
  const setCare = useCallback((care: boolean) => update({ care }), [update]);

  const value = useMemo<PreferencesApi>(
    () => ({
      ...prefs,
      cityInfo: findCity(prefs.city) ?? CITIES[0],
      setCity,
      setLang,
      setCare,
    }),
    [prefs, setCity, setLang, setCare],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesApi {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences must be used inside <PreferencesProvider>');
  return value;
}
