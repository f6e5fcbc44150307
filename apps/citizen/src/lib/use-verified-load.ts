import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { useGoBack } from '../components/Page';
import { useAuth } from '../state/auth';

/**
 * Load a personal lookup behind a fresh 刷脸/PIN verification: data, the problem to show, or (verification
 * cancelled) back to where the person came from. `reload()` fetches again (retry, after a change).
 */
export function useVerifiedLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const auth = useAuth();
  const goBack = useGoBack();
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    let live = true;
    setData(null);
    setProblem(null);
    auth.withVerification(load).then(
      (d) => live && setData(d),
      (e: unknown) => {
        if (!live) return;
        if (isVerificationCancelled(e)) {
          if (!e.redirected) goBack();
          return;
        }
        if (isApiProblem(e)) setProblem(e);
        else throw e;
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, problem, reload, setData };
}
