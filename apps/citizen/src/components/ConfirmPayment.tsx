import { formatFen, type PaymentOrder } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { useLocale } from '../i18n/localize';
import { newSubmissionId } from '../lib/apply-drafts';
import { outcomeUnknown } from '../lib/appointments';
import { errorText } from '../lib/errors';
import { useAuth } from '../state/auth';

/** The refusals that mean the bill is no longer what the page showed: the page reloads it and says why. */
const BILL_CHANGED: readonly string[] = ['BILL_NOT_FOUND', 'BILL_ALREADY_PAID', 'BILL_AMOUNT_CHANGED'];

/**
 * 确认缴款, the step the tax pages (车船税缴款, 车辆购置税) share before the cashier, so that both behave alike: the
 * amount, the page's facts and notes (`children`), then 取消 or the submit button. Submitting makes the payment order
 * (after the verification the server asks for) and opens /pay/<id>. One submissionId per attempt, kept while the
 * outcome is unknown (a lost answer: the retry gets the same order); a refusal in BILL_CHANGED goes back to the page
 * (`onChanged` with the server's words), any other error shows here. The heading takes the focus when it opens.
 */
export function ConfirmPayment({
  testId,
  title,
  amountFen,
  submitText,
  creatingText,
  create,
  onCancel,
  onChanged,
  children,
}: {
  /** `<testId>`, and `<testId>-amount`, `-error`, `-submit` for its parts. */
  testId: string;
  title: string;
  amountFen: number;
  submitText: string;
  creatingText: string;
  /** Makes the order (the page's create call) with this attempt's submissionId. */
  create: (submissionId: string) => Promise<PaymentOrder>;
  onCancel: () => void;
  onChanged: (text: string) => void;
  children: ReactNode;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  useEffect(() => headingRef.current?.focus(), []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    attempt.current ??= newSubmissionId();
    const submissionId = attempt.current;
    try {
      const order = await auth.withVerification(() => create(submissionId));
      navigate(`/pay/${encodeURIComponent(order.id)}`);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (!isApiProblem(e) || !outcomeUnknown(e)) attempt.current = null;
      if (isApiProblem(e) && BILL_CHANGED.includes(e.code)) onChanged(errorText(e, t));
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} className="section-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p className="pay-amount-row">
        <span className="pay-amount" data-testid={`${testId}-amount`}>
          {formatFen(amountFen)}
        </span>
      </p>
      {children}
      {error && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <div className="case-nav">
        <Button size="large" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color="primary"
          size="large"
          onClick={() => void submit()}
          loading={busy}
          data-testid={`${testId}-submit`}
        >
          {busy ? creatingText : submitText}
        </Button>
      </div>
    </section>
  );
}
