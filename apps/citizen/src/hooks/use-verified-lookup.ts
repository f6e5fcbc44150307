import { useEffect, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { useGoBack } from '../components/Page';
import { useAuth } from '../state/auth';

/**
 * A personal lookup behind a fresh 刷脸/PIN verification (medfund pages): loads on mount and whenever `deps`
 * change (nothing while `fetcher` is null); `reload` retries. Cancelling the verification goes back (unless it redirected to login).
 */
export function useVerifiedLookup<T>(fetcher: (() => Promise<T>) | null, deps: readonly unknown[]) {
  const auth = useAuth();
  const goBack = useGoBack();
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on the caller's deps or a retry
  useEffect(() => {
    let live = true;
    setData(null);
    setProblem(null);
    if (!fetcher) return;
    auth.withVerification(fetcher).then(
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

  return { data, problem, reload: () => setAttempt((n) => n + 1), setData };
}
