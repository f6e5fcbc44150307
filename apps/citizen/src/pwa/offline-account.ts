import { browserStore } from '../state/storage';

/**
 * Which account this device last had a confirmed session for — its opaque id only (no name, no number) — so
 * that a page opened without a network can still open that account's wallet on this phone (IndexedDB
 * `yss-wallet-<account id>`: 出示二维码 needs no server). Forgotten on logout and whenever the server ends the
 * session (another device, expiry); once the network is back the session is checked again.
 */
const KEY = 'yss.offlineAccount';

export function rememberAccount(accountId: string) {
  try {
    browserStore()?.setItem(KEY, accountId);
  } catch {
    // storage disabled: no offline wallet after a reload, the rest works
  }
}

export function forgetAccount() {
  try {
    browserStore()?.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

export function rememberedAccount(): string | null {
  try {
    return browserStore()?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}
