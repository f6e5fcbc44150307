import { describe, expect, it } from 'vitest';
import {
  addRecentSearch,
  clearRecentSearches,
  DEFAULT_PREFERENCES,
  type KeyValueStore,
  parseLang,
  RECENT_SEARCHES_MAX,
  readLastLogin,
  readPreferences,
  readRecentSearches,
  STORAGE_KEYS,
  writeLastLogin,
  writePreferences,
} from './storage';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const brokenStore: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('preferences persistence', () => {
  it('defaults to 广州, Chinese and the standard mode', () => {
    expect(readPreferences(memoryStore())).toEqual({ city: '440100', lang: 'zh-CN', care: false });
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
  });

  it('round-trips under the yss.* keys', () => {
    const store = memoryStore();
    writePreferences(store, { city: '440300', lang: 'en', care: true });
    expect(store.data.get(STORAGE_KEYS.city)).toBe('440300');
    expect(store.data.get('yss.city')).toBe('440300');
    expect(store.data.get('yss.lang')).toBe('en');
    expect(store.data.get('yss.care')).toBe('1');
    expect(readPreferences(store)).toEqual({ city: '440300', lang: 'en', care: true });
  });

  it('writes only what changed', () => {
    const store = memoryStore({ 'yss.city': '440600' });
    writePreferences(store, { care: false });
    expect(store.data.get('yss.city')).toBe('440600');
    expect(store.data.get('yss.care')).toBe('0');
    expect(store.data.has('yss.lang')).toBe(false);
  });

  it('ignores values that are not valid', () => {
    const store = memoryStore({ 'yss.city': '999999', 'yss.lang': 'fr', 'yss.care': 'maybe' });
    expect(readPreferences(store)).toEqual(DEFAULT_PREFERENCES);
  });

  it('understands English variants', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('en-GB')).toBe('en');
    expect(parseLang('zh-CN')).toBe('zh-CN');
    expect(parseLang(null)).toBe('zh-CN');
  });

  it('keeps working when storage throws (private mode, quota)', () => {
    expect(readPreferences(brokenStore)).toEqual(DEFAULT_PREFERENCES);
    expect(() => writePreferences(brokenStore, { city: '440300' })).not.toThrow();
    // The list still works for this visit; it just is not saved.
    expect(addRecentSearch(brokenStore, '社保')).toEqual(['社保']);
    expect(() => clearRecentSearches(brokenStore)).not.toThrow();
  });
});

describe('recent searches', () => {
  it('puts the newest first, once, and keeps at most the limit', () => {
    const store = memoryStore();
    addRecentSearch(store, '社保');
    addRecentSearch(store, '公积金');
    expect(addRecentSearch(store, ' 社保 ')).toEqual(['社保', '公积金']);
    for (let i = 0; i < 20; i++) addRecentSearch(store, `q${i}`);
    const list = readRecentSearches(store);
    expect(list).toHaveLength(RECENT_SEARCHES_MAX);
    expect(list[0]).toBe('q19');
  });

  it('ignores blank queries and corrupt storage', () => {
    const store = memoryStore({ 'yss.recentSearches': '{not json' });
    expect(readRecentSearches(store)).toEqual([]);
    expect(addRecentSearch(store, '   ')).toEqual([]);
    store.data.set('yss.recentSearches', JSON.stringify(['个税', 3, '', null]));
    expect(readRecentSearches(store)).toEqual(['个税']);
  });

  it('can be cleared', () => {
    const store = memoryStore();
    addRecentSearch(store, '取名');
    clearRecentSearches(store);
    expect(readRecentSearches(store)).toEqual([]);
  });
});

describe('last login (yss.lastLogin)', () => {
  it('keeps the masked phone and the default method', () => {
    const store = memoryStore();
    writeLastLogin(store, { phoneMasked: '138****8000', method: 'passkey' });
    expect(JSON.parse(store.data.get(STORAGE_KEYS.lastLogin) ?? '')).toEqual({
      phoneMasked: '138****8000',
      method: 'passkey',
    });
    expect(readLastLogin(store)).toEqual({ phoneMasked: '138****8000', method: 'passkey' });
  });

  it('never stores a full phone number', () => {
    const store = memoryStore();
    writeLastLogin(store, { phoneMasked: '13800138000', method: 'sms' });
    expect(store.data.has(STORAGE_KEYS.lastLogin)).toBe(false);
    expect(
      readLastLogin(memoryStore({ [STORAGE_KEYS.lastLogin]: '{"phoneMasked":"13800138000","method":"sms"}' })),
    ).toBe(null);
  });

  it('ignores damaged values and broken storage', () => {
    expect(readLastLogin(memoryStore({ [STORAGE_KEYS.lastLogin]: 'not json' }))).toBe(null);
    expect(readLastLogin(memoryStore({ [STORAGE_KEYS.lastLogin]: '{"phoneMasked":"138****8000","method":"x"}' }))).toBe(
      null,
    );
    expect(readLastLogin(brokenStore)).toBe(null);
    expect(() => writeLastLogin(brokenStore, { phoneMasked: '138****8000', method: 'pin' })).not.toThrow();
  });
});
