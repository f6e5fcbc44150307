import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../state/storage';
import { forgetAccount, OFFLINE_ACCOUNT_DAYS, rememberAccount, rememberedAccount } from './offline-account';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T08:00:00+08:00');

/** The account a phone opens offline: only within 30 days of the last session the server confirmed. */
describe('offline account', () => {
  it('keeps the id and the time of the confirmation, nothing else', () => {
    const store = memoryStore();
    rememberAccount('acc-1', T0, store);
    expect(JSON.parse(store.data.get('yss.offlineAccount') ?? '')).toEqual({ id: 'acc-1', confirmedAt: T0 });
    expect(rememberedAccount(T0, store)).toBe('acc-1');
  });

  it(`opens within ${OFFLINE_ACCOUNT_DAYS} days of the last confirmation, not after (and forgets it then)`, () => {
    const store = memoryStore();
    rememberAccount('acc-1', T0, store);
    expect(rememberedAccount(T0 + 29 * DAY, store)).toBe('acc-1');
    expect(rememberedAccount(T0 + 30 * DAY, store)).toBe('acc-1');
    expect(rememberedAccount(T0 + 30 * DAY + 1, store)).toBeNull();
    expect(store.data.has('yss.offlineAccount')).toBe(false);
    expect(rememberedAccount(T0 + DAY, store)).toBeNull();
  });

  it('each confirmation starts the 30 days again', () => {
    const store = memoryStore();
    rememberAccount('acc-1', T0, store);
    rememberAccount('acc-1', T0 + 20 * DAY, store);
    expect(rememberedAccount(T0 + 45 * DAY, store)).toBe('acc-1');
    expect(rememberedAccount(T0 + 51 * DAY, store)).toBeNull();
  });

  it('the first format (a bare id, no time) counts as unconfirmed', () => {
    const store = memoryStore({ 'yss.offlineAccount': '3f1c9a52-8d7e-4b9a-a1c2-7e5d4f3b2a10' });
    expect(rememberedAccount(T0, store)).toBeNull();
    expect(store.data.has('yss.offlineAccount')).toBe(false);
    // a bare id that happens to parse as JSON (digits) is no exception
    expect(rememberedAccount(T0, memoryStore({ 'yss.offlineAccount': '12345' }))).toBeNull();
  });

  it('a confirmation dated well after the device clock (the clock was set back) is not believed', () => {
    const store = memoryStore();
    rememberAccount('acc-1', T0, store);
    expect(rememberedAccount(T0 - 2 * 3_600_000, store)).toBe('acc-1'); // a small correction is fine
    expect(rememberedAccount(T0 - 2 * DAY, store)).toBeNull();
  });

  it('garbage, logout and disabled storage give null without throwing', () => {
    expect(rememberedAccount(T0, memoryStore({ 'yss.offlineAccount': '{"id":"","confirmedAt":1}' }))).toBeNull();
    expect(rememberedAccount(T0, memoryStore({ 'yss.offlineAccount': '{"id":"a","confirmedAt":"x"}' }))).toBeNull();
    const store = memoryStore();
    rememberAccount('acc-1', T0, store);
    forgetAccount(store);
    expect(rememberedAccount(T0, store)).toBeNull();
    const broken: KeyValueStore = {
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
    expect(() => rememberAccount('acc-1', T0, broken)).not.toThrow();
    expect(rememberedAccount(T0, broken)).toBeNull();
    expect(rememberedAccount(T0, null)).toBeNull();
  });
});
