import {
  COACH_REFUND_RULE_TEXT,
  type CoachOrder,
  type CoachRefundQuote,
  type CoachTicket,
  formatFen,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Popup from 'antd-mobile/es/components/popup';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { coachApi } from '../api/coach';
import { DetailProblem } from '../components/DetailProblem';
import { Page } from '../components/Page';
import { ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatDateTime } from '../lib/cases';
import { formatCountdown, ORDER_STATUS_COLOR, payLink, TICKET_STATUS_COLOR, ticketLink } from '../lib/coach';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { DepartureFacts, useStatusLabels } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';

/** 去支付 with the time left before the held seats are released; at zero the order is loaded again. */
function PayCard({ order, onExpired }: { order: CoachOrder; onExpired: () => void }) {
  const { t } = useLocale();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((Date.parse(order.expiresAt) - now) / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const expiredOnce = useRef(false);
  useEffect(() => {
    if (left === 0 && !expiredOnce.current) {
      expiredOnce.current = true;
      onExpired();
    }
  }, [left, onExpired]);
  return (
    <section className="card coach-pay" data-testid="coach-pay">
      {left > 0 ? (
        <>
          <p className="field-help">
            {t('coach.detail.payLeft')}
            {t('common.colon')}
            <span className="coach-countdown" data-testid="coach-pay-countdown">
              {t('coach.detail.payLeftValue', { time: formatCountdown(left) })}
            </span>
          </p>
          <Link
            to={payLink(order.paymentId)}
            className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default state-link"
            data-testid="coach-pay-link"
          >
            {t('coach.detail.pay')} {formatFen(order.totalFen)}
          </Link>
        </>
      ) : (
        <p className="field-help" role="status">
          {t('coach.detail.payExpired')}
        </p>
      )}
    </section>
  );
}

type Sheet = { ticket: CoachTicket; quote: CoachRefundQuote | null; problem: ApiProblem | null; note: string | null };

/** 退票: the department's quote (票价, 退票费, 退款金额, the rule), then the refund of exactly that amount. */
function RefundSheet({
  sheet,
  busy,
  onClose,
  onConfirm,
  onRetry,
}: {
  sheet: Sheet | null;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
  onRetry: () => void;
}) {
  const { t } = useLocale();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const open = sheet !== null;
  useEffect(() => {
    if (open) headingRef.current?.focus();
  }, [open]);
  const q = sheet?.quote;
  return (
    <Popup
      visible={open}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton={!busy}
      bodyClassName="appt-sheet-body"
    >
      {sheet && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          className="appt-sheet"
          data-testid="refund-sheet"
        >
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="case-subheading appt-sheet-title">
            {t('coach.refund.title')} · {sheet.ticket.passengerNameMasked}
          </h2>
          {sheet.note && (
            <p className="form-error" role="alert" data-testid="refund-note">
              {sheet.note}
            </p>
          )}
          {sheet.problem ? (
            <ErrorState problem={sheet.problem} onRetry={onRetry} title={t('coach.refund.loadFailed')} />
          ) : !q ? (
            <p className="field-help" role="status">
              {t('coach.refund.loading')}
            </p>
          ) : (
            <>
              <dl className="case-facts" data-testid="refund-quote">
                <div>
                  <dt>{t('coach.refund.price')}</dt>
                  <dd data-testid="refund-price">{formatFen(q.priceFen)}</dd>
                </div>
                <div>
                  <dt>{t('coach.refund.fee')}</dt>
                  <dd data-testid="refund-fee">{formatFen(q.feeFen)}</dd>
                </div>
                <div>
                  <dt>{t('coach.refund.amount')}</dt>
                  <dd data-testid="refund-amount">
                    <strong>{formatFen(q.refundFen)}</strong>
                  </dd>
                </div>
              </dl>
              <h3 className="case-subheading">{t('coach.refund.rule')}</h3>
              <p className="field-help" data-testid="refund-rule">
                {q.rule || COACH_REFUND_RULE_TEXT}
              </p>
            </>
          )}
          <div className="case-nav appt-sheet-actions">
            <Button size="large" onClick={onClose} disabled={busy}>
              {t('coach.refund.close')}
            </Button>
            <Button
              color="danger"
              size="large"
              onClick={onConfirm}
              loading={busy}
              disabled={busy || !q}
              data-testid="refund-confirm"
            >
              {busy ? t('coach.refund.confirming') : t('coach.refund.confirm')}
            </Button>
          </div>
        </div>
      )}
    </Popup>
  );
}

function TicketCard({
  ticket: x,
  index,
  orderId,
  onRefund,
}: {
  ticket: CoachTicket;
  index: number;
  orderId: string;
  onRefund: () => void;
}) {
  const { t, lang } = useLocale();
  const labels = useStatusLabels();
  const id = useId();
  return (
    <li className="card coach-ticket" aria-labelledby={id} data-testid="coach-ticket" data-status={x.status}>
      <h3 id={id} className="case-card-head">
        <span className="case-card-title">{t('coach.detail.ticket', { n: index + 1 })}</span>
        <Tag
          color={TICKET_STATUS_COLOR[x.status]}
          fill="outline"
          className="case-tag"
          data-testid="coach-ticket-status"
        >
          {labels.ticket(x)}
        </Tag>
      </h3>
      <dl className="case-facts">
        <div>
          <dt>{t('coach.detail.passenger')}</dt>
          <dd data-testid="coach-ticket-name">{x.passengerNameMasked}</dd>
        </div>
        <div>
          <dt>{t('coach.detail.passengerId')}</dt>
          <dd data-testid="coach-ticket-id">{x.passengerIdMasked}</dd>
        </div>
        <div>
          <dt>{t('coach.detail.seat')}</dt>
          <dd data-testid="coach-ticket-seat">{t('coach.detail.seatValue', { seat: x.seat })}</dd>
        </div>
        {x.ticketNumber && (
          <div>
            <dt>{t('coach.detail.ticketNumber')}</dt>
            <dd>{x.ticketNumber}</dd>
          </div>
        )}
        <div>
          <dt>{t('coach.detail.price')}</dt>
          <dd>{formatFen(x.priceFen)}</dd>
        </div>
        {x.refundedFen !== null && (
          <div>
            <dt>{t('coach.detail.refundedFen')}</dt>
            <dd data-testid="coach-ticket-refunded">{formatFen(x.refundedFen)}</dd>
          </div>
        )}
        {x.refundedAt && (
          <div>
            <dt>{t('coach.detail.refundedAt')}</dt>
            <dd>{formatDateTime(x.refundedAt, lang)}</dd>
          </div>
        )}
      </dl>
      {(x.canShow || x.canRefund) && (
        <div className="coach-ticket-actions">
          {x.canShow && (
            <Link
              to={ticketLink(x.id, orderId)}
              className="adm-button adm-button-primary adm-button-large adm-button-shape-default state-link"
              data-testid="coach-ticket-show"
            >
              {t('coach.detail.show')}
            </Link>
          )}
          {x.canRefund && (
            <Button size="large" color="danger" fill="outline" onClick={onRefund} data-testid="coach-ticket-refund">
              {t('coach.detail.refund')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

/** The order: status, 去支付 (with the time left) and 取消订单 while unpaid, each ticket with 出示车票 / 退票. */
export function OrderView({
  order: o,
  onChange,
  onReload,
}: {
  order: CoachOrder;
  onChange: (o: CoachOrder) => void;
  onReload: () => void;
}) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const labels = useStatusLabels();
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [refunding, setRefunding] = useState(false);
  const id = useId();

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setCancelError(null);
    try {
      const next = await auth.withVerification(() => coachApi.cancelOrder(o.id));
      setCancelling(false);
      Toast.show({ content: t('coach.detail.cancelled') });
      onChange(next);
    } catch (e) {
      if (!isVerificationCancelled(e)) setCancelError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const quote = useCallback(
    async (ticket: CoachTicket, note: string | null = null) => {
      setSheet({ ticket, quote: null, problem: null, note });
      try {
        const q = await auth.withVerification(() => coachApi.refundQuote(ticket.id));
        setSheet((s) => (s && s.ticket.id === ticket.id ? { ...s, quote: q } : s));
      } catch (e) {
        if (isVerificationCancelled(e)) {
          setSheet(null);
          return;
        }
        if (isApiProblem(e)) setSheet((s) => (s && s.ticket.id === ticket.id ? { ...s, problem: e } : s));
      }
    },
    [auth],
  );

  const refund = async () => {
    if (!sheet?.quote || refunding) return;
    const { ticket, quote: q } = sheet;
    setRefunding(true);
    try {
      const next = await auth.withVerification(() => coachApi.refund(ticket.id, q.refundFen));
      setSheet(null);
      Toast.show({ content: t('coach.refund.done') });
      onChange(next);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.code === 'COACH_REFUND_CHANGED') {
        // the department's fee changed since the quote (a boundary passed): ask again, the citizen confirms anew
        void quote(ticket, t('coach.refund.changed'));
      } else {
        setSheet((s) => (s ? { ...s, note: errorText(e, t) } : s));
      }
    } finally {
      setRefunding(false);
    }
  };

  return (
    <div className="case-detail coach-detail">
      <section className="card case-head" data-testid="coach-order-head" data-status={o.status}>
        <h1 className="case-head-title">
          {o.departure.fromStation.cityName} → {o.departure.toCityName}
        </h1>
        <p className="case-head-status">
          <Tag color={ORDER_STATUS_COLOR[o.status]} fill="solid" className="case-tag" data-testid="coach-order-status">
            {labels.order(o)}
          </Tag>
        </p>
        {o.status === 'closed' && <p className="appt-status-note">{t('coach.detail.closedNote')}</p>}
        {o.status === 'failed' && <p className="appt-status-note">{t('coach.detail.failedNote')}</p>}
        <DepartureFacts d={o.departure} withPrice={false} />
        <dl className="case-facts">
          <div>
            <dt>{t('coach.detail.orderNumber')}</dt>
            <dd data-testid="coach-order-number">{o.orderNumber}</dd>
          </div>
          <div>
            <dt>{t('coach.detail.total')}</dt>
            <dd data-testid="coach-order-total">{formatFen(o.totalFen)}</dd>
          </div>
          <div>
            <dt>{t('coach.detail.createdAt')}</dt>
            <dd>{formatDateTime(o.createdAt, lang)}</dd>
          </div>
        </dl>
      </section>

      {o.status === 'awaiting_payment' && <PayCard order={o} onExpired={onReload} />}

      <section aria-labelledby={`${id}-tickets`}>
        <h2 id={`${id}-tickets`} className="case-step-title">
          {t('coach.detail.tickets')}
        </h2>
        {o.status === 'paid' && <p className="page-intro">{t('coach.detail.bringId')}</p>}
        <ul className="case-list">
          {o.tickets.map((x, i) => (
            <TicketCard key={x.id} ticket={x} index={i} orderId={o.id} onRefund={() => void quote(x)} />
          ))}
        </ul>
      </section>

      <div className="case-actions">
        {o.canCancel && (
          <Button
            block
            size="large"
            color="danger"
            fill="outline"
            onClick={() => {
              setCancelError(null);
              setCancelling(true);
            }}
            data-testid="coach-order-cancel"
          >
            {t('coach.detail.cancel')}
          </Button>
        )}
        <Link to="/coach/orders" className="state-link case-back-link">
          {t('coach.detail.backToList')}
        </Link>
      </div>

      <Dialog
        visible={cancelling}
        title={t('coach.detail.cancelTitle')}
        onClose={() => setCancelling(false)}
        content={
          <div data-testid="coach-cancel-dialog">
            <p>{t('coach.detail.cancelBody')}</p>
            {cancelError && (
              <p className="field-error" role="alert" data-testid="coach-cancel-error">
                {cancelError}
              </p>
            )}
          </div>
        }
        actions={[
          [
            { key: 'keep', text: t('coach.detail.keep'), onClick: () => setCancelling(false), disabled: busy },
            {
              key: 'confirm',
              text: t('coach.detail.cancelConfirm'),
              danger: true,
              bold: true,
              disabled: busy,
              onClick: () => void cancel(),
            },
          ],
        ]}
      />

      <RefundSheet
        sheet={sheet}
        busy={refunding}
        onClose={() => !refunding && setSheet(null)}
        onConfirm={() => void refund()}
        onRetry={() => sheet && void quote(sheet.ticket)}
      />
    </div>
  );
}

function Loaded({ id }: { id: string }) {
  const { t } = useLocale();
  const { data, problem, reload, setData } = useVerifiedLoad(() => coachApi.order(id), [id]);
  if (problem) {
    return (
      <DetailProblem
        problem={problem}
        notFoundCode="COACH_ORDER_NOT_FOUND"
        notFoundTitle={t('coach.detail.notFound')}
        onRetry={reload}
        backTo="/coach/orders"
        backLabel={t('coach.detail.backToList')}
      />
    );
  }
  if (!data) return <ListSkeleton rows={4} />;
  return <OrderView order={data} onChange={setData} onReload={reload} />;
}

/** /coach/orders/:id 订单详情 (also where the payment page returns to). */
export default function CoachOrderDetail() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <Page title={t('coach.detail.title')} ownHeading>
      <RequireAuth>
        <Loaded id={id} />
      </RequireAuth>
    </Page>
  );
}
