import {
  formatFen,
  PAYMENT_PURPOSE_NAMES,
  PAYMENT_PURPOSES,
  type PaymentOrder,
  type PaymentPurpose,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { Link, useSearchParams } from 'react-router';
import { paymentsApi } from '../api/payments';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatDateTime } from '../lib/cases';
import { orderLink } from '../lib/payments';
import { RequireAuth } from '../state/auth';
import { StatusTag } from './payments-shared';
import './cases.css';
import './payments.css';

type Filter = 'all' | PaymentPurpose;
const FILTERS: readonly Filter[] = ['all', ...PAYMENT_PURPOSES];

/** One order: subject, amount, status, when; opens the cashier while payable, else the result. */
function OrderCard({ o }: { o: PaymentOrder }) {
  const { t, lang, name } = useLocale();
  return (
    <li>
      <Link to={orderLink(o)} className="card case-card pay-card" data-testid="payment-card" data-status={o.status}>
        <span className="case-card-head">
          <span className="case-card-title">{o.subject}</span>
          <StatusTag order={o} />
        </span>
        <span className="case-card-line pay-card-amount" data-testid="payment-amount">
          {formatFen(o.amountFen)}
        </span>
        <span className="case-card-meta">
          {name(PAYMENT_PURPOSE_NAMES[o.purpose] ?? { name: o.purposeName, nameEn: o.purposeName })} · {o.payeeName}
        </span>
        <span className="case-card-meta">
          {t('payments.list.createdAt', { time: formatDateTime(o.createdAt, lang) })}
        </span>
        {o.canPay && (
          <span className="case-card-meta pay-card-due" data-testid="payment-pay-before">
            {t('payments.list.payBefore', { time: formatDateTime(o.expiresAt, lang) })}
          </span>
        )}
        {o.fulfilment === 'failed' && (
          <span className="case-card-meta pay-card-failed">{o.fulfilmentNote ?? o.fulfilmentLabel}</span>
        )}
      </Link>
    </li>
  );
}

function OrderList() {
  const { t, name } = useLocale();
  const [params, setParams] = useSearchParams();
  const raw = params.get('purpose');
  const filter: Filter = (PAYMENT_PURPOSES as readonly string[]).includes(raw ?? '') ? (raw as PaymentPurpose) : 'all';
  const purpose = filter === 'all' ? undefined : filter;
  const { data, problem, reload } = useVerifiedLoad(() => paymentsApi.list(purpose), [purpose]);

  const toolbar = (
    <>
      <Segmented
        label={t('payments.list.filter')}
        options={FILTERS}
        value={filter}
        onChange={(f) => setParams(f === 'all' ? {} : { purpose: f }, { replace: true })}
        testId={(f) => `payments-filter-${f}`}
        text={(f) => (f === 'all' ? t('payments.list.all') : name(PAYMENT_PURPOSE_NAMES[f]))}
      />
      <div className="case-toolbar">
        <span />
        <Button size="small" fill="outline" color="primary" onClick={reload} data-testid="payments-refresh">
          {t('payments.list.refresh')}
        </Button>
      </div>
    </>
  );

  if (problem)
    return (
      <>
        {toolbar}
        <ErrorState problem={problem} onRetry={reload} />
      </>
    );
  if (!data)
    return (
      <>
        {toolbar}
        <ListSkeleton rows={4} />
      </>
    );
  return (
    <>
      {toolbar}
      {data.length === 0 ? (
        <EmptyState
          title={t('payments.list.empty')}
          description={t('payments.list.emptyDesc')}
          action={
            <Link to="/utilities/gas/pay" className="state-link" data-testid="payments-gas">
              {t('payments.gas.title')}
            </Link>
          }
        />
      ) : (
        <ul className="case-list" aria-label={t('payments.list.title')} data-testid="payments-list">
          {data.map((o) => (
            <OrderCard key={o.id} o={o} />
          ))}
        </ul>
      )}
    </>
  );
}

/** /me/payments 我的订单 (支付记录), newest first; ?purpose= one kind. */
export default function Payments() {
  const { t } = useLocale();
  return (
    <Page title={t('payments.list.title')}>
      <p className="page-intro">{t('payments.list.intro')}</p>
      <RequireAuth>
        <OrderList />
      </RequireAuth>
    </Page>
  );
}
