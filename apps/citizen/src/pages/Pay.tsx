import {
  formatFen,
  PAYMENT_CHANNEL_NAMES,
  PAYMENT_CHANNELS,
  PAYMENT_EXPIRY_MINUTES,
  type PaymentChannel,
  type PaymentOrder,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Result from 'antd-mobile/es/components/result';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { paymentsApi } from '../api/payments';
import { DetailProblem } from '../components/DetailProblem';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { formatCountdown, secondsLeft, wasPaid } from '../lib/payments';
import { RequireAuth, useAuth } from '../state/auth';
import { Amount, appPath, ButtonLink, OrderNumber, useFocusOn } from './payments-shared';
import './cases.css';
import './payments.css';

/** Where the provider's cashier is: an http(s) address or a path of this site, nothing else (no javascript:). */
export function safeCheckoutUrl(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** 剩余支付时间 mm:ss, ticking each second; tells the page once when the time is up. */
function Countdown({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) {
  const { t } = useLocale();
  const [left, setLeft] = useState(() => secondsLeft(expiresAt));
  const expiredRef = useRef(onExpired);
  expiredRef.current = onExpired;
  useEffect(() => {
    const tick = () => {
      const s = secondsLeft(expiresAt);
      setLeft(s);
      if (s <= 0) {
        clearInterval(timer);
        expiredRef.current();
      }
    };
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  const minutes = Math.ceil(left / 60);
  return (
    <p className="pay-countdown" data-testid="pay-countdown">
      <Icon name="clock" />
      <span>
        {t('payments.cashier.timeLeft')}{' '}
        {/* role=timer is not read out on each tick; its label says the minutes left */}
        <strong role="timer" aria-label={t('payments.cashier.minutesLeft', { count: minutes })}>
          {formatCountdown(left)}
        </strong>
      </span>
    </p>
  );
}

/** What is being paid: subject, 收款单位, the amount large, the order's own lines. */
export function OrderSummary({ order }: { order: PaymentOrder }) {
  const { t } = useLocale();
  return (
    <section className="card pay-summary" data-testid="pay-summary">
      <p className="pay-subject" data-testid="pay-subject">
        {order.subject}
      </p>
      <p className="pay-amount-row">
        <span className="visually-hidden">{t('payments.amount')} </span>
        <Amount fen={order.amountFen} testId="pay-amount" />
      </p>
      <dl className="case-facts pay-lines" data-testid="pay-lines">
        <div>
          <dt>{t('payments.payee')}</dt>
          <dd data-testid="pay-payee">{order.payeeName}</dd>
        </div>
        {order.lines.map((l) => (
          <div key={l.label}>
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('payments.orderNumber')}</dt>
          <dd>
            <OrderNumber value={order.orderNumber} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The order can no longer be paid: already paid (see the result), or closed (back to where it was made). */
function NotPayable({ order, expired }: { order: PaymentOrder; expired: boolean }) {
  const { t } = useLocale();
  const paid = wasPaid(order);
  const ref = useFocusOn(true, { preventScroll: true });
  const back = appPath(order.returnPath);
  return (
    <section
      className="card case-result"
      ref={ref}
      tabIndex={-1}
      data-testid={paid ? 'pay-already-paid' : expired ? 'pay-expired' : 'pay-closed'}
    >
      {paid ? (
        <Result status="success" title={t('payments.cashier.paidTitle')} description={t('payments.cashier.paidDesc')} />
      ) : expired ? (
        <Result
          status="warning"
          title={t('payments.cashier.expiredTitle')}
          description={t('payments.cashier.expiredDesc')}
        />
      ) : (
        <Result
          status="info"
          title={t('payments.cashier.closedTitle')}
          description={t('payments.cashier.closedDesc')}
        />
      )}
      <p className="pay-subject-small">
        {order.subject} · {order.payeeName}
      </p>
      <div className="case-actions">
        {paid ? (
          <ButtonLink to={`/pay/${encodeURIComponent(order.id)}/result`} primary replace testId="pay-view-result">
            {t('payments.cashier.viewResult')}
          </ButtonLink>
        ) : (
          <ButtonLink to={back} primary replace testId="pay-back">
            {expired ? t('payments.cashier.orderAgain') : t('payments.back')}
          </ButtonLink>
        )}
        <ButtonLink to="/me/payments" testId="pay-my-orders">
          {t('payments.list.title')}
        </ButtonLink>
      </div>
    </section>
  );
}

/** 收银台: the order, the time left, the method, 立即支付 (to the provider's cashier) and 取消订单. */
export function Cashier({ order, onChange }: { order: PaymentOrder; onChange: (o: PaymentOrder) => void }) {
  const { t, pick } = useLocale();
  const auth = useAuth();
  const [channel, setChannel] = useState<PaymentChannel>(order.channel ?? PAYMENT_CHANNELS[0]);
  // the server decides (canPay): this phone's clock may be off, so the countdown reaching zero asks it again
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState<'pay' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busyRef = useRef(false);
  const errorRef = useFocusOn<HTMLParagraphElement>(error);
  const legendId = useId();

  const refresh = async (): Promise<PaymentOrder | null> => {
    try {
      const next = await auth.withVerification(() => paymentsApi.get(order.id));
      onChange(next);
      return next;
    } catch {
      // the error already shown says what happened; the order stays as it was
      return null;
    }
  };

  /** The countdown reached zero: the server says whether the order closed (it does at expiresAt). */
  const timeUp = async () => {
    if (busyRef.current) return;
    const next = await refresh();
    if (!next || (!next.canPay && !wasPaid(next))) setExpired(true);
  };

  const pay = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy('pay');
    setError(null);
    let leaving = false;
    try {
      const { checkoutUrl } = await auth.withVerification(() => paymentsApi.start(order.id, channel));
      const url = safeCheckoutUrl(checkoutUrl);
      if (!url) {
        setError(t('errors.unexpected'));
        return;
      }
      leaving = true;
      window.location.assign(url);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.code === 'PAYMENT_EXPIRED') {
        setExpired(true);
        void refresh();
        return;
      }
      setError(errorText(e, t));
      if (isApiProblem(e) && e.code === 'PAYMENT_NOT_PAYABLE') void refresh();
    } finally {
      // going to the cashier: the button stays busy until the page is gone
      if (!leaving) {
        busyRef.current = false;
        setBusy(null);
      }
    }
  };

  const close = async () => {
    if (busyRef.current) return;
    const ok = await Dialog.confirm({
      title: t('payments.cashier.cancelTitle'),
      content: t('payments.cashier.cancelBody'),
      confirmText: t('payments.cashier.cancelConfirm'),
      cancelText: t('payments.cashier.keep'),
    });
    if (!ok) return;
    busyRef.current = true;
    setBusy('close');
    setError(null);
    try {
      const next = await auth.withVerification(() => paymentsApi.close(order.id));
      Toast.show({ content: t('payments.cashier.cancelled') });
      onChange(next);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      setError(errorText(e, t));
      if (isApiProblem(e) && e.code === 'PAYMENT_NOT_PAYABLE') void refresh();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  if (order.status !== 'pending' || expired || !order.canPay) {
    return <NotPayable order={order} expired={order.status === 'pending' || (order.status === 'closed' && expired)} />;
  }

  return (
    <div className="pay-cashier">
      <OrderSummary order={order} />
      <Countdown expiresAt={order.expiresAt} onExpired={() => void timeUp()} />
      <p className="field-help pay-expiry-note">
        {t('payments.cashier.expiryNote', { minutes: PAYMENT_EXPIRY_MINUTES })}
      </p>

      <section className="card">
        <fieldset className="field check-list pay-channels" aria-labelledby={legendId} data-testid="pay-channels">
          <legend id={legendId} className="field-label">
            {t('payments.cashier.channel')}
          </legend>
          {PAYMENT_CHANNELS.map((c) => (
            <label key={c} className="check-item pay-channel">
              <input
                type="radio"
                name={`${legendId}-channel`}
                value={c}
                checked={channel === c}
                onChange={() => setChannel(c)}
                disabled={busy !== null}
                data-testid={`pay-channel-${c}`}
              />
              <span>{pick(PAYMENT_CHANNEL_NAMES[c].name, PAYMENT_CHANNEL_NAMES[c].nameEn)}</span>
            </label>
          ))}
        </fieldset>
        <p className="field-help">{t('payments.cashier.providerNote')}</p>
      </section>

      {error && (
        <p className="form-error pay-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="pay-error">
          {error}
        </p>
      )}

      <div className="case-actions pay-actions">
        <Button
          block
          color="primary"
          size="large"
          loading={busy === 'pay'}
          disabled={busy !== null}
          onClick={() => void pay()}
          data-testid="pay-submit"
        >
          {busy === 'pay'
            ? t('payments.cashier.paying')
            : t('payments.cashier.pay', { amount: formatFen(order.amountFen) })}
        </Button>
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          loading={busy === 'close'}
          disabled={busy !== null}
          onClick={() => void close()}
          data-testid="pay-cancel"
        >
          {t('payments.cashier.cancel')}
        </Button>
        <Link to="/me/payments" className="state-link case-back-link pay-text-link">
          {t('payments.list.title')}
        </Link>
      </div>
    </div>
  );
}

function Loaded({ id }: { id: string }) {
  const { t } = useLocale();
  const { data, problem, reload, setData } = useVerifiedLoad(() => paymentsApi.get(id), [id]);
  if (problem) {
    return (
      <DetailProblem
        problem={problem}
        notFoundCode="PAYMENT_NOT_FOUND"
        notFoundTitle={t('payments.notFound')}
        onRetry={reload}
        backTo="/me/payments"
        backLabel={t('payments.list.title')}
      />
    );
  }
  if (!data) return <ListSkeleton rows={4} />;
  return <Cashier key={data.id} order={data} onChange={setData} />;
}

/** /pay/:id 收银台. */
export default function Pay() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <Page title={t('payments.cashier.title')}>
      <RequireAuth>
        <Loaded id={id} />
      </RequireAuth>
    </Page>
  );
}
