import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, isApiProblem, UNEXPECTED_DETAIL } from '../api/client';

type Entry = { data: unknown; at: number };
const cache = new Map<string, Entry>();
const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX = 60;

function remember(key: string, data: unknown) {
  cache.delete(key);
  cache.set(key, { data, at: Date.now() });
  if (cache.size > CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

function fresh<T>(key: string | null): T | undefined {
  if (!key) return undefined;
  const hit = cache.get(key);
  return hit && Date.now() - hit.at < CACHE_TTL_MS ? (hit.data as T) : undefined;
}

export interface ApiState<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  /** Fetch again (the retry button). */
  reload: () => void;
}

/**
 * Loads `key` with `fetcher`, keeps answers for a few minutes (so going back does not flash a skeleton),
 * cancels on unmount or key change. A null key loads nothing.
 */
export function useApi<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiProblem }>(() => ({
    key,
    data: fresh<T>(key),
  }));
  const [attempt, setAttempt] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  // `attempt` re-runs the effect on retry.
  useEffect(() => {
    if (!key) {
      setState({ key });
      return;
    }
    const cached = fresh<T>(key);
    if (cached !== undefined && attempt === 0) {
      setState({ key, data: cached });
      return;
    }
    const controller = new AbortController();
    setState((s) => (s.key === key ? { key, data: s.data } : { key }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        remember(key, data);
        setState({ key, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = isApiProblem(error)
          ? error
          : new ApiProblem({ status: 0, code: 'CLIENT_ERROR', title: UNEXPECTED_DETAIL, detail: UNEXPECTED_DETAIL });
        setState({ key, error: problem });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => {
    if (key) cache.delete(key);
    setAttempt((n) => n + 1);
  }, [key]);

  const current = state.key === key;
  const data = current ? state.data : fresh<T>(key);
  const error = current ? state.error : undefined;
  return { data, error, loading: Boolean(key) && data === undefined && error === undefined, reload };
}

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
