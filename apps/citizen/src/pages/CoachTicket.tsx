import type { CoachOrder, CoachTicket } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { coachApi } from '../api/coach';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { QrSvg } from '../components/QrSvg';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { nextRefreshDelay, useSelfRefreshingCode } from '../hooks/use-self-refreshing-code';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { orderDetailLink } from '../lib/coach';
import { RequireAuth } from '../state/auth';
import { DepartureWhen, useStatusLabels } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';
import { formatClockTime } from '../lib/cases';

/** Kept for the page's tests: the refresh timing is the shared hook's. */
export { nextRefreshDelay };

/** The ticket can no longer be shown (refunded, used, departed) or is gone: say why, with the way back. */
const GONE_CODES = ['COACH_TICKET_NOT_SHOWABLE', 'COACH_TICKET_NOT_FOUND'];

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
  const labels = useStatusLabels();
  const problemText = useProblemText();
  const [notShowable, setNotShowable] = useState<string | null>(null);
  useWakeLock();
  const { code, problem, validCode, refresh } = useSelfRefreshingCode(x.id, () => coachApi.ticketQr(x.id), {
    goneCodes: GONE_CODES,
    onGone: (e) => setNotShowable(problemText(e)),
  });

  const d = order.departure;
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
        {validCode ? (
          <QrSvg
            className="coach-qr"
            testId="coach-qr"
            text={validCode.qr}
            label={t('coach.ticket.qrLabel', { name: x.passengerNameMasked, seat: x.seat })}
          />
        ) : problem ? (
          <ErrorState problem={problem} onRetry={refresh} title={t('coach.ticket.loadFailed')} />
        ) : (
          <ListSkeleton rows={3} />
        )}
        {code && (
          <p className="coach-updated" role="status" data-testid="coach-qr-updated">
            {t('coach.ticket.updatedAt', { time: time(code.at) })}
          </p>
        )}
        <p className="field-help">{t('coach.ticket.autoRefresh')}</p>
        <Button block onClick={refresh} data-testid="coach-qr-refresh">
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
