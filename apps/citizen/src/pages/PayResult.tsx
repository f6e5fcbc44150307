import { formatFen, type PaymentOrder } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import SpinLoading from 'antd-mobile/es/components/spin-loading';
import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { useParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { paymentsApi } from '../api/payments';
import { DetailProblem } from '../components/DetailProblem';
import { Page, useGoBack } from '../components/Page';
import { useLocale } from '../i18n/localize';
import { formatDateTime } from '../lib/cases';
import { isSettling, PAYMENT_POLL, pollDelay, wasPaid } from '../lib/payments';
import { RequireAuth, useAuth } from '../state/auth';
import { appPath, ButtonLink, OrderNumber, useFocusOn, useStatusText } from './payments-shared';
import './cases.css';
import './payments.css';

type Phase = 'checking' | 'settled' | 'timeout';

/** A problem that polling again will not cure (the order is not there, or not the citizen's). */
function isFinal(p: ApiProblem): boolean {
  return !p.isNetwork && p.status >= 400 && p.status < 500 && p.status !== 408 && p.status !== 429;
}

/**
 * Asks for the order until its outcome is known (paid and done or failed, or closed): quickly at first, then
 * less often (PAYMENT_POLL), and gives up after PAYMENT_POLL.giveUpMs with `timeout` (retry starts again).
 * Network failures on the way are tried again within the same window.
 */
export function useOrderOutcome(id: string) {
  const auth = useAuth();
  const goBack = useGoBack();
  const [order, setOrder] = useState<PaymentOrder | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [phase, setPhase] = useState<Phase>('checking');
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the order id and the retry counter decide
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const started = Date.now();
    let attempt = 0;
    setPhase('checking');
    setProblem(null);

    const poll = async () => {
      try {
        const o = await auth.withVerification(() => paymentsApi.get(id, { signal: controller.signal }));
        if (!live) return;
        setOrder(o);
        setProblem(null);
        if (!isSettling(o)) {
          setPhase('settled');
          return;
        }
      } catch (e) {
        if (!live) return;
        if (isVerificationCancelled(e)) {
          if (!e.redirected) goBack();
          return;
        }
        if (isApiProblem(e) && isFinal(e)) {
          setProblem(e);
          setPhase('settled');
          return;
        }
      }
      const delay = pollDelay(attempt++);
      if (Date.now() - started + delay > PAYMENT_POLL.giveUpMs) {
        setPhase('timeout');
        return;
      }
      timer = setTimeout(() => void poll(), delay);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
      controller.abort();
    };
  }, [id, round]);

  const retry = useCallback(() => setRound((n) => n + 1), []);
  return { order, problem, phase, retry };
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * 支付成功: the 缴费成功通知 (支付订单号, 交易流水号, 金额, 收款单位, 支付时间, 支付方式) the citizen can show as proof
 * of payment, what became of the thing paid for, and any refunds.
 */
function Paid({ order: o }: { order: PaymentOrder }) {
  const { t, lang } = useLocale();
  const text = useStatusText();
  const ref = useFocusOn(o.id, { preventScroll: true });
  const receiptId = useId();
  const refundsId = useId();
  const failed = o.fulfilment === 'failed';
  const receiptTitle = failed
    ? t('payments.result.receiptFailed')
    : o.purpose !== 'coach-tickets'
      ? t('payments.result.receiptUtility')
      : t('payments.result.receipt');
  return (
    <section className="card case-result pay-result" ref={ref} tabIndex={-1} data-testid="pay-result-paid">
      <Result
        status={failed ? 'warning' : 'success'}
        title={failed ? text.fulfilment(o) : t('payments.result.paidTitle')}
        description={
          failed
            ? (o.fulfilmentNote ?? t('payments.result.failedDesc'))
            : t('payments.result.fulfilment', { status: text.fulfilment(o) })
        }
      />
      {failed && o.fulfilmentNote && (
        <p className="pay-note" data-testid="fulfilment-note">
          {o.fulfilmentNote}
        </p>
      )}

      <section className="pay-receipt" aria-labelledby={receiptId} data-testid="pay-receipt">
        <h2 id={receiptId} className="case-subheading pay-receipt-title">
          {receiptTitle}
        </h2>
        <p className="pay-receipt-amount">
          <span className="visually-hidden">{t('payments.amount')} </span>
          <span className="pay-amount">{formatFen(o.amountFen)}</span>
        </p>
        <dl className="case-facts">
          <Fact label={t('payments.subject')} testId="receipt-subject">
            {o.subject}
          </Fact>
          <Fact label={t('payments.payee')} testId="receipt-payee">
            {o.payeeName}
          </Fact>
          <Fact label={t('payments.amount')} testId="receipt-amount">
            {formatFen(o.amountFen)}
          </Fact>
          <Fact label={t('payments.orderNumber')}>
            <OrderNumber value={o.orderNumber} />
          </Fact>
          <Fact label={t('payments.transactionId')} testId="receipt-transaction">
            {o.providerTransactionId ?? t('payments.none')}
          </Fact>
          <Fact label={t('payments.paidAt')} testId="receipt-paid-at">
            {o.paidAt ? formatDateTime(o.paidAt, lang) : t('payments.none')}
          </Fact>
          <Fact label={t('payments.channel')} testId="receipt-channel">
            {text.channel(o) ?? t('payments.none')}
          </Fact>
          <Fact label={t('payments.fulfilment')} testId="receipt-fulfilment">
            {text.fulfilment(o)}
          </Fact>
          {/* what the department answered once done: 完税凭证号码, 签注状态 … */}
          {(o.receipt ?? []).map((l) => (
            <Fact key={l.label} label={l.label} testId="receipt-line">
              {l.value}
            </Fact>
          ))}
        </dl>
        {!failed && <p className="field-help pay-proof">{t('payments.result.proofNote')}</p>}
      </section>

      {o.refunds.length > 0 && (
        <section className="pay-refunds" aria-labelledby={refundsId} data-testid="pay-refunds">
          <h2 id={refundsId} className="case-subheading">
            {t('payments.result.refunds', { amount: formatFen(o.refundedFen) })}
          </h2>
          <ul className="case-plain-list">
            {o.refunds.map((r) => (
              <li key={r.refundNumber} className="pay-refund" data-testid="pay-refund">
                <span className="pay-refund-amount">{formatFen(r.amountFen)}</span>
                <span>{r.reason}</span>
                <span className="field-help">
                  {t('payments.result.refundNumber', { number: r.refundNumber })} · {formatDateTime(r.refundedAt, lang)}
                </span>
              </li>
            ))}
          </ul>
          <p className="field-help">{t('payments.result.refundNote')}</p>
        </section>
      )}

      <div className="case-actions">
        <ButtonLink to={appPath(o.returnPath)} primary replace testId="pay-done">
          {t('payments.result.done')}
        </ButtonLink>
        <ButtonLink to="/me/payments" testId="pay-my-orders">
          {t('payments.list.title')}
        </ButtonLink>
      </div>
    </section>
  );
}

/** Closed without payment (cancelled, or the time ran out). */
function Unpaid({ order: o }: { order: PaymentOrder }) {
  const { t } = useLocale();
  const ref = useFocusOn(o.id, { preventScroll: true });
  return (
    <section className="card case-result" ref={ref} tabIndex={-1} data-testid="pay-result-closed">
      <Result status="info" title={t('payments.result.closedTitle')} description={t('payments.result.closedDesc')} />
      <p className="pay-subject-small">
        {o.subject} · {formatFen(o.amountFen)}
      </p>
      <div className="case-actions">
        <ButtonLink to={appPath(o.returnPath)} primary replace testId="pay-back">
          {t('payments.back')}
        </ButtonLink>
        <ButtonLink to="/me/payments" testId="pay-my-orders">
          {t('payments.list.title')}
        </ButtonLink>
      </div>
    </section>
  );
}

function Outcome({ id }: { id: string }) {
  const { t } = useLocale();
  const { order, problem, phase, retry } = useOrderOutcome(id);
  const timeoutRef = useFocusOn(phase === 'timeout', { preventScroll: true });

  // one live region for the whole page: what the check is doing now (the settled result takes the focus)
  const live =
    phase === 'checking' ? t('payments.result.checking') : phase === 'timeout' ? t('payments.result.timeout') : '';

  let body: ReactNode = null;
  if (phase === 'settled' && problem) {
    body = (
      <DetailProblem
        problem={problem}
        notFoundCode="PAYMENT_NOT_FOUND"
        notFoundTitle={t('payments.notFound')}
        onRetry={retry}
        backTo="/me/payments"
        backLabel={t('payments.list.title')}
      />
    );
  } else if (phase === 'settled' && order) {
    body = wasPaid(order) ? <Paid order={order} /> : <Unpaid order={order} />;
  } else if (phase === 'checking') {
    body = (
      <section className="card pay-checking" data-testid="pay-checking">
        <SpinLoading color="primary" aria-hidden="true" />
        <p className="pay-checking-text">{t('payments.result.checking')}</p>
        <p className="field-help">{t('payments.result.checkingHint')}</p>
      </section>
    );
  } else if (phase === 'timeout') {
    body = (
      <section className="card case-result" ref={timeoutRef} tabIndex={-1} data-testid="pay-timeout">
        <Result status="waiting" title={t('payments.result.timeoutTitle')} description={t('payments.result.timeout')} />
        {order && (
          <p className="pay-subject-small">
            {order.subject} · {formatFen(order.amountFen)}
          </p>
        )}
        <div className="case-actions">
          <Button block color="primary" size="large" onClick={retry} data-testid="pay-retry">
            {t('payments.result.retry')}
          </Button>
          {order?.canPay && (
            <ButtonLink to={`/pay/${encodeURIComponent(order.id)}`} replace testId="pay-continue">
              {t('payments.result.continuePay')}
            </ButtonLink>
          )}
          <ButtonLink to="/me/payments" testId="pay-my-orders">
            {t('payments.list.title')}
          </ButtonLink>
        </div>
      </section>
    );
  }

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="pay-live">
        {live}
      </p>
      {body}
    </>
  );
}

/** /pay/:id/result 支付结果: where the provider's cashier sends the citizen back to. */
export default function PayResult() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <Page title={t('payments.result.title')}>
      <RequireAuth>
        <Outcome id={id} />
      </RequireAuth>
    </Page>
  );
}
