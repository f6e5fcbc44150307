import { type CityCode, DEFAULT_CITY, isCityCode } from '@yss/contracts';

/** The slice of the Web Storage API we use; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEYS = {
  city: 'yss.city',
  lang: 'yss.lang',
  care: 'yss.care',
  recentSearches: 'yss.recentSearches',
  lastLogin: 'yss.lastLogin',
} as const;

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

export interface Preferences {
  city: CityCode;
  lang: Lang;
  /** 关怀模式 (elderly mode). */
  care: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { city: DEFAULT_CITY, lang: DEFAULT_LANG, care: false };

/** localStorage when the browser allows it (private modes and disabled storage throw), else null. */
export function browserStore(): KeyValueStore | null {
  try {
    const store = globalThis.localStorage;
    if (!store) return null;
    const probe = '__yss_probe__';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

function read(store: KeyValueStore | null, key: string): string | null {
  if (!store) return null;
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

function write(store: KeyValueStore | null, key: string, value: string): void {
  if (!store) return;
  try {
    store.setItem(key, value);
  } catch {
    // Quota exceeded or storage disabled: the preference lasts for this visit only.
  }
}

export function parseCity(value: string | null | undefined): CityCode {
  return value && isCityCode(value) ? value : DEFAULT_CITY;
}

export function parseLang(value: string | null | undefined): Lang {
  if (!value) return DEFAULT_LANG;
  if (value === 'en' || value.toLowerCase().startsWith('en-')) return 'en';
  return DEFAULT_LANG;
}

export function parseCare(value: string | null | undefined): boolean {
  return value === '1' || value === 'true';
}

export function readPreferences(store: KeyValueStore | null): Preferences {
  return {
    city: parseCity(read(store, STORAGE_KEYS.city)),
    lang: parseLang(read(store, STORAGE_KEYS.lang)),
    care: parseCare(read(store, STORAGE_KEYS.care)),
  };
}

export function writePreferences(store: KeyValueStore | null, prefs: Partial<Preferences>): void {
  if (prefs.city !== undefined) write(store, STORAGE_KEYS.city, prefs.city);
  if (prefs.lang !== undefined) write(store, STORAGE_KEYS.lang, prefs.lang);
  if (prefs.care !== undefined) write(store, STORAGE_KEYS.care, prefs.care ? '1' : '0');
}

export const RECENT_SEARCHES_MAX = 8;

export function readRecentSearches(store: KeyValueStore | null): string[] {
  const raw = read(store, STORAGE_KEYS.recentSearches);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is string => typeof v === 'string' && v.trim() !== '').slice(0, RECENT_SEARCHES_MAX);
  } catch {
    return [];
  }
}

/** Puts `query` first (once), keeps at most RECENT_SEARCHES_MAX, and saves; returns the new list. */
export function addRecentSearch(store: KeyValueStore | null, query: string): string[] {
  const q = query.trim().slice(0, 50);
  const current = readRecentSearches(store);
  if (!q) return current;
  const next = [q, ...current.filter((v) => v !== q)].slice(0, RECENT_SEARCHES_MAX);
  write(store, STORAGE_KEYS.recentSearches, JSON.stringify(next));
  return next;
}

export function clearRecentSearches(store: KeyValueStore | null): void {
  if (!store) return;
  try {
    store.removeItem(STORAGE_KEYS.recentSearches);
  } catch {
    // ignore
  }
}

/* ── The last login on this device ──────────────────────────────────────────────────────────────────── */

export const LOGIN_METHOD_IDS = ['passkey', 'pin', 'sms'] as const;
export type LoginMethodId = (typeof LOGIN_METHOD_IDS)[number];

/**
 * Which login method to pre-select next time: the default method of the account last logged in here. Only the
 * masked phone number is kept (138****0000), never the full number.
 */
export interface LastLogin {
  phoneMasked: string;
  method: LoginMethodId;
}

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

export function readLastLogin(store: KeyValueStore | null): LastLogin | null {
  const raw = read(store, STORAGE_KEYS.lastLogin);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { phoneMasked, method } = parsed as Record<string, unknown>;
    if (typeof phoneMasked !== 'string' || !MASKED_PHONE.test(phoneMasked)) return null;
    if (!(LOGIN_METHOD_IDS as readonly unknown[]).includes(method)) return null;
    return { phoneMasked, method: method as LoginMethodId };
  } catch {
    return null;
  }
}

/** Saves the masked phone and method; a phone that is not masked is refused (nothing is written). */
export function writeLastLogin(store: KeyValueStore | null, last: LastLogin): void {
  if (!MASKED_PHONE.test(last.phoneMasked)) return;
  write(store, STORAGE_KEYS.lastLogin, JSON.stringify({ phoneMasked: last.phoneMasked, method: last.method }));
}
