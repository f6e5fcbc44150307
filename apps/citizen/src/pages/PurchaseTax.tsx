import { formatFen, type MyVehiclePurchases, type VehiclePurchaseView } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { useEffect, useId, useRef, useState } from 'react';
import { duesApi } from '../api/dues';
import { ConfirmPayment } from '../components/ConfirmPayment';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad, type VerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { Facts } from './records-shared';
import { TaxPageLinks } from './tax-links';
import './cases.css';
import './records.css';
import './payments.css';

/** The tax's breakdown: 价税合计 → 计税价格 → 应纳税额 → 减免 → 滞纳金 → 应缴合计. */
function Breakdown({ p, testId }: { p: VehiclePurchaseView; testId?: string }) {
  const { t } = useLocale();
  return (
    <Facts
      testId={testId}
      rows={[
        [t('dues.purchaseTax.invoiceTotal'), formatFen(p.invoiceTotalFen)],
        [
          t('dues.purchaseTax.taxablePrice'),
          <>
            {formatFen(p.taxablePriceFen)}
            <span className="field-help"> {t('dues.purchaseTax.taxablePriceHelp')}</span>
          </>,
        ],
        [
          t('dues.purchaseTax.tax'),
          <>
            {formatFen(p.taxFen)}
            <span className="field-help"> {t('dues.purchaseTax.taxHelp')}</span>
          </>,
        ],
        [
          t('dues.purchaseTax.relief'),
          p.reliefFen > 0 ? (
            <>
              {formatFen(p.reliefFen)}
              {p.reliefRule && <span className="field-help">（{p.reliefRule}）</span>}
            </>
          ) : null,
        ],
        [t('dues.purchaseTax.payableTax'), p.reliefFen > 0 ? formatFen(p.payableTaxFen) : null],
        [
          t('dues.purchaseTax.lateFee'),
          p.lateFeeFen > 0
            ? t('dues.purchaseTax.lateFeeValue', { amount: formatFen(p.lateFeeFen), days: p.overdueDays })
            : null,
        ],
        [t('dues.purchaseTax.totalDue'), <strong key="total">{formatFen(p.totalDueFen)}</strong>],
      ]}
    />
  );
}

/** One unpaid purchase: the vehicle, the invoice, the tax's breakdown and its 缴纳 button. */
function PurchaseCard({ p, onPay }: { p: VehiclePurchaseView; onPay: () => void }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="purchase" data-invoice={p.invoiceNumber}>
      <div className="records-card-head">
        <h3 id={headingId} className="records-card-title">
          {p.model}
        </h3>
        <Tag color={p.overdue ? 'danger' : 'primary'} fill="outline" className="records-tag" data-testid="purchase-tag">
          {p.overdue ? t('dues.purchaseTax.overdueTag', { days: p.overdueDays }) : t('dues.purchaseTax.inTimeTag')}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('dues.purchaseTax.vin'), p.vinMasked],
          [t('dues.purchaseTax.kind'), p.vehicleKindName],
          [t('dues.purchaseTax.purchasedOn'), p.purchasedOn],
          [t('dues.purchaseTax.seller'), p.sellerName],
          [
            t('dues.purchaseTax.invoice'),
            t('dues.purchaseTax.invoiceValue', { code: p.invoiceCode, number: p.invoiceNumber }),
          ],
          [t('dues.purchaseTax.deadline'), t('dues.purchaseTax.deadlineValue', { date: p.deadline })],
        ]}
      />
      <Breakdown p={p} testId="purchase-breakdown" />
      {p.totalDueFen > 0 ? (
        <div className="case-nav">
          <Button
            color="primary"
            size="large"
            onClick={onPay}
            aria-label={t('dues.purchaseTax.payLabel', { model: p.model, amount: formatFen(p.totalDueFen) })}
            data-testid="purchase-pay"
          >
            {t('dues.purchaseTax.pay')} {formatFen(p.totalDueFen)}
          </Button>
        </div>
      ) : (
        <p className="pay-none" data-testid="purchase-nothing-due">
          {t('dues.purchaseTax.nothingDue')}
        </p>
      )}
    </li>
  );
}

function List({ load, onPay }: { load: VerifiedLoad<MyVehiclePurchases>; onPay: (p: VehiclePurchaseView) => void }) {
  const { t } = useLocale();
  const titleId = useId();
  const { data, problem, reload } = load;
  const unpaid = data?.purchases.filter((p) => p.status === 'unpaid') ?? [];
  return (
    <section className="card" aria-labelledby={titleId} data-testid="purchase-tax-list">
      <h2 id={titleId} className="section-title">
        {t('dues.purchaseTax.listTitle')}
      </h2>
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} />
      ) : !data ? (
        <ListSkeleton rows={2} />
      ) : unpaid.length === 0 ? (
        <EmptyState title={t('dues.purchaseTax.empty')} description={t('dues.purchaseTax.emptyDesc')} />
      ) : (
        <ul className="records-list" aria-label={t('dues.purchaseTax.listLabel')}>
          {unpaid.map((p) => (
            <PurchaseCard key={`${p.invoiceCode}-${p.invoiceNumber}`} p={p} onPay={() => onPay(p)} />
          ))}
        </ul>
      )}
      {data && <SourceNote source={data.source} />}
    </section>
  );
}

/** 确认缴款: the breakdown again, then the order and the cashier. */
function Confirm({
  purchase,
  onCancel,
  onChanged,
}: {
  purchase: VehiclePurchaseView;
  onCancel: () => void;
  onChanged: (text: string) => void;
}) {
  const { t } = useLocale();
  return (
    <ConfirmPayment
      testId="pt-confirm"
      title={t('dues.purchaseTax.confirmTitle')}
      amountFen={purchase.totalDueFen}
      submitText={t('dues.purchaseTax.confirmSubmit')}
      creatingText={t('dues.purchaseTax.creating')}
      create={(submissionId) =>
        duesApi.createPurchaseTaxPayment({
          invoiceCode: purchase.invoiceCode,
          invoiceNumber: purchase.invoiceNumber,
          amountFen: purchase.totalDueFen,
          submissionId,
        })
      }
      onCancel={onCancel}
      onChanged={onChanged}
    >
      <Facts
        testId="pt-confirm-facts"
        rows={[
          [t('dues.purchaseTax.model'), purchase.model],
          [t('dues.purchaseTax.vin'), purchase.vinMasked],
          [t('dues.purchaseTax.payee'), t('dues.purchaseTax.payeeName')],
        ]}
      />
      <Breakdown p={purchase} />
      {purchase.overdue && (
        <p className="field-help" data-testid="pt-confirm-overdue">
          {t('dues.purchaseTax.confirmOverdue')}
        </p>
      )}
    </ConfirmPayment>
  );
}

function PurchaseTaxFlow() {
  const load = useVerifiedLoad(() => duesApi.myVehiclePurchases(), []);
  const [choice, setChoice] = useState<VehiclePurchaseView | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (pageError) errorRef.current?.focus();
  }, [pageError]);
  return (
    <>
      {pageError && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="pt-error">
          {pageError}
        </p>
      )}
      {choice ? (
        <Confirm
          purchase={choice}
          onCancel={() => setChoice(null)}
          onChanged={(text) => {
            setChoice(null);
            setPageError(text);
            load.reload();
          }}
        />
      ) : null}
      <div hidden={choice !== null}>
        <List
          load={load}
          onPay={(p) => {
            setPageError(null);
            setChoice(p);
          }}
        />
      </div>
    </>
  );
}

/** /tax/purchase-tax 车辆购置税 (D4): the buyer's unpaid purchases, the tax's breakdown, an order per purchase. */
export default function PurchaseTax() {
  const { t } = useLocale();
  return (
    <Page title={t('dues.purchaseTax.title')}>
      <p className="page-intro">{t('dues.purchaseTax.intro')}</p>
      <RequireAuth>
        <PurchaseTaxFlow />
      </RequireAuth>
      <TaxPageLinks current="purchase" />
    </Page>
  );
}
