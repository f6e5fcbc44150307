import { useCallback, useRef, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { newSubmissionId } from '../lib/apply-drafts';
import { outcomeUnknown } from '../lib/appointments';
import { useAuth } from '../state/auth';

export interface IdempotentSubmit {
  /** A submission is in flight (the button's loading state). */
  busy: boolean;
  /** The same, read synchronously (a sheet that must not close while submitting). */
  isBusy: () => boolean;
  /**
   * Send one submission of `target` (the slot chosen) behind a fresh verification, with its submissionId. A second
   * call while one is in flight does nothing. `onProblem` gets the server's refusals, `onError` anything else (the
   * network); a cancelled verification calls neither.
   */
  submit: <T>(
    target: string,
    send: (submissionId: string) => Promise<T>,
    on: { onDone: (result: T) => void; onProblem: (problem: ApiProblem) => void; onError: (error: unknown) => void },
  ) => Promise<void>;
}

/**
 * One submission that must happen at most once (a booking, a 改约): the server deduplicates by a submissionId, so
 * a retry of the same target after an unknown outcome (a timeout, a lost answer) must send the same id, while a
 * new target, a success or a clear refusal starts afresh; and a double tap must not send twice. Book and the
 * reschedule sheet kept this bookkeeping each; it lives here once so that the rule cannot differ between them.
 */
export function useIdempotentSubmit(): IdempotentSubmit {
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  /** The attempt in progress: its target and submissionId, kept while a retry may still be needed. */
  const attemptRef = useRef<{ target: string; submissionId: string } | null>(null);
  const withVerification = useRef(auth.withVerification);
  withVerification.current = auth.withVerification;

  const submit = useCallback<IdempotentSubmit['submit']>(async (target, send, on) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    // once per attempt: a retry of the same target after an unknown outcome sends the same id
    if (attemptRef.current?.target !== target) {
      attemptRef.current = { target, submissionId: newSubmissionId() };
    }
    const { submissionId } = attemptRef.current;
    try {
      const result = await withVerification.current(() => send(submissionId));
      attemptRef.current = null;
      on.onDone(result);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (!isApiProblem(e)) {
        on.onError(e);
        return;
      }
      if (!outcomeUnknown(e)) attemptRef.current = null;
      on.onProblem(e);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const isBusy = useCallback(() => busyRef.current, []);
  return { busy, isBusy, submit };
}
