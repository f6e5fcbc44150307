import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { useGoBack } from '../components/Page';
import { useAuth } from '../state/auth';

export interface VerifiedLoad<T> {
  /** undefined while loading (or after a problem). */
  data: T | undefined;
  problem: ApiProblem | null;
  /** Load again (the retry button, or after a change the page made). */
  reload: () => void;
  /** Replace the data after an action the page took (approve, revoke …). */
  setData: (data: T) => void;
}

/**
 * Loads personal data behind a fresh verification (刷脸 / PIN): the server asks for one when the last is too
 * old, the verification sheet opens, and the load is tried again. A citizen who cancels goes back to where
 * they came from — the data stays hidden. Loads again when `deps` change and on retry; keeps nothing in a
 * cache (personal data is not kept in the browser once the page is left).
 */
export function useVerifiedLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): VerifiedLoad<T> {
  const auth = useAuth();
  const goBack = useGoBack();
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps and the retry counter decide
  useEffect(() => {
    let live = true;
    setData(undefined);
    setProblem(null);
    auth
      .withVerification(() => loadRef.current())
      .then(
        (d) => live && setData(d),
        (e: unknown) => {
          if (!live) return;
          if (isVerificationCancelled(e)) {
            if (!e.redirected) goBack();
            return;
          }
          if (isApiProblem(e)) setProblem(e);
        },
      );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, problem, reload, setData };
}
