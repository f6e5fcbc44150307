import type { CoachOrder, CoachTicket, CoachTicketQr } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { coachApi } from '../api/coach';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { QrSvg } from '../components/QrSvg';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { orderDetailLink } from '../lib/coach';
import { RequireAuth, useAuth } from '../state/auth';
import { DepartureWhen, useStatusLabels } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';
import { formatClockTime } from '../lib/cases';

/** A new code every minute at the latest, and well before the current one expires. */
const REFRESH_MS = 60_000;
const MARGIN_MS = 10_000;
const MIN_DELAY_MS = 1_000;

/** When to fetch the next code: a minute after this one, or MARGIN_MS before it expires if that is sooner. */
export function nextRefreshDelay(expiresAt: string, now: number = Date.now()): number {
  const untilExpiry = Date.parse(expiresAt) - now - MARGIN_MS;
  return Math.max(MIN_DELAY_MS, Math.min(REFRESH_MS, Number.isFinite(untilExpiry) ? untilExpiry : REFRESH_MS));
}

/** Keeps the screen on while the code is shown (where the browser allows it). */
function useWakeLock() {
  useEffect(() => {
    Toast.clear();
    let lock: { release: () => Promise<void> } | undefined;
    (navigator as Navigator & { wakeLock?: { request: (k: 'screen') => Promise<typeof lock> } }).wakeLock
      ?.request('screen')
      .then((l) => {
        lock = l;
      })
      .catch(() => undefined);
    return () => void lock?.release().catch(() => undefined);
  }, []);
}

function ShowTicket({ order, ticket: x }: { order: CoachOrder; ticket: CoachTicket }) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const labels = useStatusLabels();
  const [code, setCode] = useState<(CoachTicketQr & { at: number }) | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [notShowable, setNotShowable] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const live = useRef(true);
  // the verification step of the moment, without making a new profile (verifiedUntil) restart the refresh loop
  const withVerification = useRef(auth.withVerification);
  withVerification.current = auth.withVerification;
  useWakeLock();

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const qr = await withVerification.current(() => coachApi.ticketQr(x.id));
      if (!live.current) return;
      setCode({ ...qr, at: Date.now() });
      setProblem(null);
      setNow(Date.now());
      timer.current = setTimeout(() => void load(), nextRefreshDelay(qr.expiresAt));
    } catch (e) {
      if (!live.current || isVerificationCancelled(e)) return;
      if (isApiProblem(e) && (e.code === 'COACH_TICKET_NOT_SHOWABLE' || e.code === 'COACH_TICKET_NOT_FOUND')) {
        setNotShowable(e.userMessage);
        setCode(null);
        return;
      }
      if (isApiProblem(e)) setProblem(e);
      setNow(Date.now());
      // try again shortly while the last code (if any) is still shown
      timer.current = setTimeout(() => void load(), 15_000);
    }
  }, [x.id]);

  useEffect(() => {
    live.current = true;
    void load();
    // back to the page (the phone was locked, another app opened): a fresh code if this one is near its end
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    const tick = setInterval(() => setNow(Date.now()), 5_000);
    return () => {
      live.current = false;
      clearTimeout(timer.current);
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  const d = order.departure;
  const valid = code && Date.parse(code.expiresAt) > now;
  const time = (ms: number) => formatClockTime(ms, lang);

  if (notShowable) {
    return (
      <div data-testid="coach-ticket-not-showable">
        <EmptyState
          title={t('coach.ticket.notShowable')}
          description={notShowable}
          action={<BackToOrder orderId={order.id} />}
        />
      </div>
    );
  }

  return (
    <>
      <section className="card coach-qr-card" data-testid="coach-ticket-card">
        <p className="coach-hint" role="note">
          <Icon name="info" /> {t('coach.ticket.brightness')}
        </p>
        {valid ? (
          <QrSvg
            className="coach-qr"
            testId="coach-qr"
            text={code.qr}
            label={t('coach.ticket.qrLabel', { name: x.passengerNameMasked, seat: x.seat })}
          />
        ) : problem ? (
          <ErrorState problem={problem} onRetry={() => void load()} title={t('coach.ticket.loadFailed')} />
        ) : (
          <ListSkeleton rows={3} />
        )}
        {code && (
          <p className="coach-updated" role="status" data-testid="coach-qr-updated">
            {t('coach.ticket.updatedAt', { time: time(code.at) })}
          </p>
        )}
        <p className="field-help">{t('coach.ticket.autoRefresh')}</p>
        <Button block onClick={() => void load()} data-testid="coach-qr-refresh">
          {t('coach.ticket.refresh')}
        </Button>
        <dl className="case-facts">
          <div>
            <dt>{t('coach.order.date')}</dt>
            <dd data-testid="coach-ticket-when">
              <DepartureWhen d={d} />
            </dd>
          </div>
          <div>
            <dt>{t('coach.order.fromStation')}</dt>
            <dd>
              {d.fromStation.name} → {d.toStationName}
            </dd>
          </div>
          <div>
            <dt>{t('coach.order.address')}</dt>
            <dd>{d.fromStation.address}</dd>
          </div>
          <div>
            <dt>{t('coach.order.run')}</dt>
            <dd>{d.runNumber}</dd>
          </div>
          <div>
            <dt>{t('coach.detail.seat')}</dt>
            <dd data-testid="coach-ticket-seat">{t('coach.detail.seatValue', { seat: x.seat })}</dd>
          </div>
          <div>
            <dt>{t('coach.detail.passenger')}</dt>
            <dd>
              {x.passengerNameMasked} {x.passengerIdMasked}
            </dd>
          </div>
          {x.ticketNumber && (
            <div>
              <dt>{t('coach.detail.ticketNumber')}</dt>
              <dd>{x.ticketNumber}</dd>
            </div>
          )}
          <div>
            <dt>{t('coach.station.status')}</dt>
            <dd>{labels.ticket(x)}</dd>
          </div>
        </dl>
      </section>
      <p className="problem-actions">
        <BackToOrder orderId={order.id} />
      </p>
    </>
  );
}

function BackToOrder({ orderId }: { orderId: string }) {
  const { t } = useLocale();
  return (
    <Link to={orderDetailLink(orderId)} className="state-link" data-testid="coach-back-to-order">
      <Icon name="left" /> {t('coach.ticket.backToOrder')}
    </Link>
  );
}

function Loaded({ ticketId, orderId }: { ticketId: string; orderId: string | null }) {
  const { t } = useLocale();
  const labels = useStatusLabels();
  // the ticket's order (from ?order=, else found among the citizen's orders)
  const { data, problem, reload } = useVerifiedLoad(
    async () => (orderId ? [await coachApi.order(orderId)] : await coachApi.orders()),
    [orderId],
  );
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  const order = data.find((o) => o.tickets.some((x) => x.id === ticketId));
  const ticket = order?.tickets.find((x) => x.id === ticketId);
  if (!order || !ticket) {
    return (
      <EmptyState
        title={t('coach.ticket.notFound')}
        action={
          <Link to="/coach/orders" className="state-link">
            {t('coach.detail.backToList')}
          </Link>
        }
      />
    );
  }
  if (!ticket.canShow) {
    return (
      <div data-testid="coach-ticket-not-showable">
        <EmptyState
          title={t('coach.ticket.notShowable')}
          description={t('coach.ticket.notShowableDesc', { status: labels.ticket(ticket) })}
          action={<BackToOrder orderId={order.id} />}
        />
      </div>
    );
  }
  return <ShowTicket order={order} ticket={ticket} />;
}

/** /coach/tickets/:ticketId?order=<id> 电子车票: the signed QR code, renewed before it expires, and the ticket. */
export default function CoachTicketPage() {
  const { t } = useLocale();
  const { ticketId = '' } = useParams();
  const [params] = useSearchParams();
  return (
    <Page title={t('coach.ticket.title')}>
      <RequireAuth>
        <Loaded ticketId={ticketId} orderId={params.get('order')} />
      </RequireAuth>
    </Page>
  );
}
