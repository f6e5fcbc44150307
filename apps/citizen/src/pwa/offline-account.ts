import { browserStore, type KeyValueStore } from '../state/storage';

/**
 * Which account this device last had a confirmed session for — its opaque id only (no name, no number) — so
 * that a page opened without a network can still open that account's wallet on this phone (IndexedDB
 * `yss-wallet-<account id>`: 出示二维码 needs no server). Forgotten on logout and whenever the server ends the
 * session (another device, expiry); once the network is back the session is checked again.
 *
 * Kept as `{ id, confirmedAt }` and only for OFFLINE_ACCOUNT_DAYS after the last confirmed session. Why not
 * the session's own lifetime (15 min idle, 12 h absolute; at most 7 days by configuration): offline is exactly
 * when a session cannot be renewed, and the wallet must open after a night without a network. Why 30 days:
 * that is how long a credential batch is valid (the server issues it for at most 30 days, and only to a
 * confirmed session), so past it the phone has nothing valid to show offline anyway — remembering the account
 * longer would only keep a lost phone opening its owner's wallet list with no end.
 */
const KEY = 'yss.offlineAccount';

export const OFFLINE_ACCOUNT_DAYS = 30;
const LIMIT_MS = OFFLINE_ACCOUNT_DAYS * 86_400_000;
/** A confirmation dated this far ahead of the device clock is not believed (the clock was set back since). */
const FUTURE_SLACK_MS = 86_400_000;

interface Remembered {
  id: string;
  /** When the server last confirmed the session (device clock, ms). */
  confirmedAt: number;
}

/** The session of `accountId` was just confirmed by the server: remember it, or refresh its time. */
export function rememberAccount(accountId: string, now = Date.now(), store = browserStore()) {
  try {
    store?.setItem(KEY, JSON.stringify({ id: accountId, confirmedAt: now } satisfies Remembered));
  } catch {
    // storage disabled: no offline wallet after a reload, the rest works
  }
}

export function forgetAccount(store = browserStore()) {
  try {
    store?.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

/**
 * The account whose session this device last confirmed within OFFLINE_ACCOUNT_DAYS, else null (and then
 * forgotten). A value of the first format — the bare id, with no time — counts as unconfirmed: its age is
 * unknown, and the next online start (which is how the new app version arrives) writes the new format anyway.
 */
export function rememberedAccount(now = Date.now(), store: KeyValueStore | null = browserStore()): string | null {
  try {
    const raw = store?.getItem(KEY);
    if (!raw) return null;
    const kept = parse(raw);
    if (kept && kept.confirmedAt <= now + FUTURE_SLACK_MS && now - kept.confirmedAt <= LIMIT_MS) return kept.id;
    forgetAccount(store);
    return null;
  } catch {
    return null;
  }
}

function parse(raw: string): Remembered | null {
  try {
    const value: unknown = JSON.parse(raw);
    const r = value as Partial<Remembered> | null;
    if (typeof r === 'object' && r !== null && typeof r.id === 'string' && r.id && Number.isFinite(r.confirmedAt)) {
      return { id: r.id, confirmedAt: r.confirmedAt as number };
    }
  } catch {
    // the bare id of the first format (not JSON)
  }
  return null;
}
