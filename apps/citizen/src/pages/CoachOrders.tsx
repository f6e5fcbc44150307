import { type CoachOrder, formatFen } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import PullToRefresh from 'antd-mobile/es/components/pull-to-refresh';
import Tag from 'antd-mobile/es/components/tag';
import { Link } from 'react-router';
import { coachApi } from '../api/coach';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { awaitingPayment, ORDER_STATUS_COLOR, orderDetailLink, sortOrders } from '../lib/coach';
import { RequireAuth } from '../state/auth';
import { DepartureWhen, useStatusLabels } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';

function OrderCard({ o }: { o: CoachOrder }) {
  const { t, lang } = useLocale();
  const labels = useStatusLabels();
  const d = o.departure;
  const payBefore = new Date(o.expiresAt).toLocaleTimeString(lang, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return (
    <li>
      <Link to={orderDetailLink(o.id)} className="card case-card" data-testid="coach-order-card" data-status={o.status}>
        <span className="case-card-head">
          <span className="case-card-title">
            {d.fromStation.cityName} → {d.toCityName}
          </span>
          <Tag
            color={ORDER_STATUS_COLOR[o.status]}
            fill="outline"
            className="case-tag"
            data-testid="coach-order-status"
          >
            {labels.order(o)}
          </Tag>
        </span>
        <span className="case-card-line appt-card-when">
          <DepartureWhen d={d} />
        </span>
        <span className="case-card-line">
          {d.fromStation.name} → {d.toStationName}
        </span>
        <span className="case-card-meta">
          {t('coach.orders.count', { count: o.tickets.length, total: formatFen(o.totalFen) })}
        </span>
        {awaitingPayment(o) && (
          <span className="case-card-meta coach-countdown">{t('coach.orders.payBefore', { time: payBefore })}</span>
        )}
        <span className="case-card-meta">{t('coach.orders.orderNumber', { number: o.orderNumber })}</span>
      </Link>
    </li>
  );
}

function OrderList() {
  const { t } = useLocale();
  const { data, problem, reload } = useVerifiedLoad(() => coachApi.orders(), []);
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  const sorted = sortOrders(data);
  return (
    <PullToRefresh onRefresh={async () => reload()}>
      <div className="case-toolbar">
        <Link to="/coach" className="state-link" data-testid="coach-buy">
          {t('coach.orders.buy')}
        </Link>
        <Button size="small" fill="outline" color="primary" onClick={reload} data-testid="coach-orders-refresh">
          {t('coach.orders.refresh')}
        </Button>
      </div>
      {sorted.length === 0 ? (
        <div data-testid="coach-orders-empty">
          <EmptyState
            title={t('coach.orders.empty')}
            description={t('coach.orders.emptyDesc')}
            action={
              <Link to="/coach" className="state-link">
                {t('coach.orders.buy')}
              </Link>
            }
          />
        </div>
      ) : (
        <ul className="case-list" aria-label={t('coach.orders.title')}>
          {sorted.map((o) => (
            <OrderCard key={o.id} o={o} />
          ))}
        </ul>
      )}
    </PullToRefresh>
  );
}

/** /coach/orders 我的车票: the citizen's orders, newest first. */
export default function CoachOrders() {
  const { t } = useLocale();
  return (
    <Page title={t('coach.orders.title')}>
      <RequireAuth>
        <OrderList />
      </RequireAuth>
    </Page>
  );
}
