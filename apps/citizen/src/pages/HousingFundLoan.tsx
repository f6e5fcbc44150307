import { findCity } from '@yss/contracts';
import { taxfund } from '../api/taxfund';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';
import './taxfund.css';

const money = (n: number) => n.toFixed(2);

function Loan() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.loan({ city }), [city]);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />;
  if (!data) return <ListSkeleton rows={8} />;
  const l = data.loan;
  if (!l) {
    return (
      <EmptyState
        title={t('taxfund.loan.none', { city: findCity(city)?.name ?? city })}
        description={t('taxfund.loan.noneDesc')}
      />
    );
  }
  return (
    <section className="card" data-testid="gjj-loan" data-status={l.status}>
      <h2 className={`section-title tf-status tf-status-${l.status === 'overdue' ? 'rejected' : 'completed'}`}>
        {l.statusName}
      </h2>
      <p className="mf-figure-label">{t('taxfund.loan.remainingPrincipal')}</p>
      <p className="big-figure" data-testid="gjj-loan-remaining">
        {t('taxfund.yuan', { amount: money(l.remainingPrincipal) })}
      </p>
      {l.overduePeriods > 0 && (
        <p className="form-error" role="alert">
          {t('taxfund.loan.overdueNote')}
        </p>
      )}
      <dl className="mf-facts">
        <dt>{t('taxfund.loan.contract')}</dt>
        <dd>{l.contractNumberMasked}</dd>
        <dt>{t('taxfund.loan.principal')}</dt>
        <dd>{t('taxfund.yuan', { amount: money(l.principal) })}</dd>
        <dt>{t('taxfund.loan.term')}</dt>
        <dd>{t('taxfund.loan.months', { count: l.termMonths })}</dd>
        <dt>{t('taxfund.loan.rate')}</dt>
        <dd>{l.annualRate.toFixed(2)}%</dd>
        <dt>{t('taxfund.loan.method')}</dt>
        <dd>{l.repaymentMethodName}</dd>
        <dt>{t('taxfund.loan.period')}</dt>
        <dd>
          {l.firstRepaymentMonth} ~ {l.lastRepaymentMonth}
        </dd>
        <dt>{t('taxfund.loan.repaid')}</dt>
        <dd>{l.repaidPeriods}</dd>
        <dt>{t('taxfund.loan.remaining')}</dt>
        <dd>{l.remainingPeriods}</dd>
        {l.overduePeriods > 0 && (
          <>
            <dt>{t('taxfund.loan.overdue')}</dt>
            <dd>{l.overduePeriods}</dd>
          </>
        )}
        <dt>{t('taxfund.loan.bank')}</dt>
        <dd>{l.lendingBank}</dd>
      </dl>
      {l.nextRepayment && (
        <p className="field-help" data-testid="gjj-loan-next">
          {t('taxfund.loan.next')}
          {t('common.colon')}
          {t('taxfund.loan.nextValue', {
            date: l.nextRepayment.dueOn,
            total: money(l.nextRepayment.total),
            principal: money(l.nextRepayment.principal),
            interest: money(l.nextRepayment.interest),
          })}
        </p>
      )}
      <SourceNote source={data.source} />
    </section>
  );
}

/** 公积金贷款查询: the citizen's housing-fund loan at the chosen city's centre. */
export default function HousingFundLoan() {
  const { t } = useLocale();
  return (
    <Page title={t('taxfund.loan.title')}>
      <p className="page-intro">{t('taxfund.loan.intro')}</p>
      <RequireAuth>
        <Loan />
      </RequireAuth>
    </Page>
  );
}
