import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { useAuth } from '../state/auth';

/** A new code every minute at the latest, and well before the current one expires. */
const REFRESH_MS = 60_000;
const MARGIN_MS = 10_000;
const MIN_DELAY_MS = 1_000;
/** After a failure: try again this soon, while the last code (if any) is still shown. */
const RETRY_MS = 15_000;
/** How often `now` moves on (so an expired code is no longer shown as valid). */
const TICK_MS = 5_000;

/** When to fetch the next code: a minute after this one, or MARGIN_MS before it expires if that is sooner. */
export function nextRefreshDelay(expiresAt: string, now: number = Date.now()): number {
  const untilExpiry = Date.parse(expiresAt) - now - MARGIN_MS;
  return Math.max(MIN_DELAY_MS, Math.min(REFRESH_MS, Number.isFinite(untilExpiry) ? untilExpiry : REFRESH_MS));
}

export interface SelfRefreshingCode<T> {
  /** The last code fetched, with when (ms) it arrived; null before the first or once the server said it is gone. */
  code: (T & { at: number }) | null;
  /** The last failure (the last code, if any, is still shown while it is valid); null after a success. */
  problem: ApiProblem | null;
  /** `code` while it is still within its validity (checked every few seconds), else null: what to show. */
  validCode: (T & { at: number }) | null;
  /** Fetch a new code now (the 刷新 button, the error's retry). */
  refresh: () => void;
}

/**
 * A signed QR code shown at a counter or a gate (预约码, 电子车票): fetched behind a fresh verification, fetched
 * again before it expires and whenever the page becomes visible again, and kept on screen (with the time it was
 * fetched) while a refresh fails — offline, the last code stays valid until it expires. The appointment pass and
 * the coach e-ticket both need exactly this loop; it lives here once so the two cannot drift apart.
 *
 * `fetchCode` is read at call time (a new function each render does not restart the loop); `key` (the booking's or
 * the ticket's id) does. A failure whose code is in `goneCodes` (the record can no longer be shown) clears the
 * code, stops refreshing and calls `onGone` with it.
 */
export function useSelfRefreshingCode<T extends { expiresAt: string }>(
  key: string,
  fetchCode: () => Promise<T>,
  o: { goneCodes: readonly string[]; onGone: (problem: ApiProblem) => void },
): SelfRefreshingCode<T> {
  const auth = useAuth();
  const [code, setCode] = useState<(T & { at: number }) | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const live = useRef(true);
  // the verification step of the moment, without making a new profile (verifiedUntil) restart the refresh loop
  const withVerification = useRef(auth.withVerification);
  withVerification.current = auth.withVerification;
  const fetchRef = useRef(fetchCode);
  fetchRef.current = fetchCode;
  const opts = useRef(o);
  opts.current = o;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` restarts the loop; the rest is read through refs
  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const next = await withVerification.current(() => fetchRef.current());
      if (!live.current) return;
      setCode({ ...next, at: Date.now() });
      setProblem(null);
      setNow(Date.now());
      timer.current = setTimeout(() => void load(), nextRefreshDelay(next.expiresAt));
    } catch (e) {
      if (!live.current || isVerificationCancelled(e)) return;
      if (isApiProblem(e) && opts.current.goneCodes.includes(e.code)) {
        setCode(null);
        opts.current.onGone(e);
        return;
      }
      if (isApiProblem(e)) setProblem(e);
      setNow(Date.now());
      timer.current = setTimeout(() => void load(), RETRY_MS);
    }
  }, [key]);

  useEffect(() => {
    live.current = true;
    void load();
    // back to the page (the phone was locked, another app opened): a fresh code if this one is near its end
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      live.current = false;
      clearTimeout(timer.current);
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  const refresh = useCallback(() => void load(), [load]);
  return { code, problem, validCode: code && Date.parse(code.expiresAt) > now ? code : null, refresh };
}
