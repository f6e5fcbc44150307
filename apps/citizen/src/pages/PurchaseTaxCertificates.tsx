import { formatFen } from '@yss/contracts';
import { useId } from 'react';
import { duesApi } from '../api/dues';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { Facts } from './records-shared';
import { TaxPageLinks } from './tax-links';
import './records.css';

function Certificates() {
  const { t } = useLocale();
  const titleId = useId();
  const { data, problem, reload } = useVerifiedLoad(() => duesApi.myVehiclePurchases(), []);
  const paid = data?.purchases.filter((p) => p.paid !== null) ?? [];
  return (
    <section className="card" aria-labelledby={titleId} data-testid="pt-certificates">
      <h2 id={titleId} className="section-title">
        {t('dues.purchaseTax.certListLabel')}
      </h2>
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} />
      ) : !data ? (
        <ListSkeleton rows={2} />
      ) : paid.length === 0 ? (
        <EmptyState title={t('dues.purchaseTax.certEmpty')} description={t('dues.purchaseTax.certEmptyDesc')} />
      ) : (
        <ul className="records-list" aria-label={t('dues.purchaseTax.certListLabel')}>
          {paid.map((p) => (
            <li key={`${p.invoiceCode}-${p.invoiceNumber}`} className="card records-card" data-testid="pt-certificate">
              <h3 className="records-card-title">{p.model}</h3>
              <Facts
                rows={[
                  [t('dues.purchaseTax.certNumber'), <strong key="n">{p.paid?.certificateNumber}</strong>],
                  [t('dues.purchaseTax.vin'), p.vinMasked],
                  [t('dues.purchaseTax.purchasedOn'), p.purchasedOn],
                  [t('dues.purchaseTax.taxablePrice'), formatFen(p.taxablePriceFen)],
                  [t('dues.purchaseTax.paidAmount'), p.paid ? formatFen(p.paid.amountFen) : null],
                  [
                    t('dues.purchaseTax.paidLateFee'),
                    p.paid && p.paid.lateFeeFen > 0 ? formatFen(p.paid.lateFeeFen) : null,
                  ],
                  [t('dues.purchaseTax.paidOn'), p.paid?.paidOn],
                  [t('dues.purchaseTax.payee'), t('dues.purchaseTax.payeeName')],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      {data && <SourceNote source={data.source} />}
    </section>
  );
}

/** /tax/purchase-tax/certificates 车辆购置税完税证明查询: the 完税证明（电子版） of the citizen's paid purchases. */
export default function PurchaseTaxCertificates() {
  const { t } = useLocale();
  return (
    <Page title={t('dues.purchaseTax.certTitle')}>
      <p className="page-intro">{t('dues.purchaseTax.certIntro')}</p>
      <RequireAuth>
        <Certificates />
      </RequireAuth>
      <TaxPageLinks current="certificates" />
    </Page>
  );
}
