import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './api';

export interface ConsoleQuery<T> {
  /** The latest answer; `empty` before the first one and after a failure. */
  data: T;
  /** For the page's own changes to what it shows (a row the server answered anew after an action). */
  setData: Dispatch<SetStateAction<T>>;
  loading: boolean;
  /** The failed request's problem, in Chinese (the problem+json detail), or null. */
  problem: string | null;
  /** Ask again (刷新, or after a change elsewhere): the request in flight is aborted. */
  reload(): Promise<void>;
}

/**
 * What a console page loads from the API. `load` (a useCallback of the page's filters; null while there is
 * nothing to ask) runs at once and again whenever it changes; a request still in flight is aborted then, on
 * reload() and on unmount, so only the latest request's answer or problem is ever shown.
 */
export function useConsoleQuery<T>(load: ((signal: AbortSignal) => Promise<T>) | null, empty: T): ConsoleQuery<T> {
  const [data, setData] = useState<T>(empty);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const emptyValue = useRef(empty);

  const reload = useCallback(async () => {
    inFlight.current?.abort();
    if (!load) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    setProblem(null);
    try {
      const answer = await load(controller.signal);
      if (!controller.signal.aborted) setData(answer);
    } catch (err) {
      if (controller.signal.aborted) return;
      setData(emptyValue.current);
      setProblem(errorText(err));
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    void reload();
    return () => inFlight.current?.abort();
  }, [reload]);

  return { data, setData, loading, problem, reload };
}
