import { findCity } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { type HousingFundAccountDetails, medfund } from '../api/medfund';
import { BalanceChart } from '../components/BalanceChart';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';

const money = (n: number) => n.toFixed(2);
type Account = NonNullable<HousingFundAccountDetails['account']>;

function AccountCard({ a, source }: { a: Account; source: HousingFundAccountDetails['source'] }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="gjj-account">
      <h2 id={headingId} className="section-title">
        {t('medfund.housing.info')}
      </h2>
      <p className="mf-figure-label">{t('medfund.housing.balance')}</p>
      <p className="big-figure" data-testid="gjj-balance">
        {t('medfund.yuan', { amount: money(a.balance) })}
      </p>
      <dl className="mf-facts">
        <dt>{t('medfund.housing.accountNumber')}</dt>
        <dd data-testid="gjj-account-number">{a.accountNumberMasked}</dd>
        <dt>{t('medfund.housing.monthly')}</dt>
        <dd>
          {t('medfund.housing.monthlyValue', {
            total: money(a.monthlyDeposit.total),
            employee: money(a.monthlyDeposit.employee),
            employer: money(a.monthlyDeposit.employer),
          })}
        </dd>
        <dt>{t('medfund.housing.base')}</dt>
        <dd>{t('medfund.yuan', { amount: money(a.depositBase) })}</dd>
        <dt>{t('medfund.housing.rates')}</dt>
        <dd>{t('medfund.housing.ratesValue', { employee: a.employeeRate, employer: a.employerRate })}</dd>
        <dt>{t('medfund.housing.status')}</dt>
        <dd>{t(`medfund.housing.statusNames.${a.status}`)}</dd>
        <dt>{t('medfund.housing.lastMonth')}</dt>
        <dd>{a.lastDepositMonth}</dd>
        <dt>{t('medfund.housing.unit')}</dt>
        <dd>{a.unit.name}</dd>
        <dt>{t('medfund.housing.centre')}</dt>
        <dd>{a.centreName}</dd>
      </dl>
      <SourceNote source={source} />
    </section>
  );
}

function Deposits({ city }: { city: string }) {
  const { t } = useLocale();
  const [months, setMonths] = useState(36);
  const headingId = useId();
  const { data, problem, reload } = useVerifiedLoad(() => medfund.housingDeposits({ city, months }), [city, months]);
  const s = data?.statement;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="gjj-deposits">
      <h2 id={headingId} className="section-title">
        {t('medfund.housing.details')}
      </h2>
      <Segmented
        label={t('medfund.period')}
        options={[12, 36]}
        value={months}
        onChange={setMonths}
        testId={(n) => `gjj-months-${n}`}
        text={(n) => t('medfund.lastMonths', { count: n })}
      />
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} title={t('medfund.failed')} />
      ) : !data ? (
        <ListSkeleton rows={5} />
      ) : !s || s.months.length === 0 ? (
        <EmptyState title={t('medfund.housing.detailsEmpty')} />
      ) : (
        <>
          <p className="field-help">
            {t('medfund.housing.totals', {
              total: money(s.totals.total),
              employee: money(s.totals.employee),
              employer: money(s.totals.employer),
            })}
          </p>
          <BalanceChart
            testId="gjj-chart"
            points={s.months.map((m) => ({ label: m.month, value: m.balance }))}
            label={t('medfund.housing.chartLabel', { from: s.from, to: s.to })}
            caption={t('medfund.housing.chartCaption')}
          />
          <div className="mf-table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('medfund.housing.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('medfund.housing.month')}</th>
                  <th scope="col">{t('medfund.housing.base')}</th>
                  <th scope="col">{t('medfund.housing.deposit')}</th>
                  <th scope="col">{t('medfund.housing.monthEnd')}</th>
                </tr>
              </thead>
              <tbody>
                {[...s.months].reverse().map((m) => (
                  <tr key={m.month} data-testid="gjj-month">
                    <th scope="row">{m.month}</th>
                    <td>{money(m.base)}</td>
                    <td>{money(m.total)}</td>
                    <td>{money(m.balance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SourceNote source={data.source} />
        </>
      )}
    </section>
  );
}

function Fund() {
  const { t } = useLocale();
  const { city, setCity } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => medfund.housingAccount({ city }), [city]);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('medfund.failed')} />;
  if (!data) return <ListSkeleton rows={6} />;
  if (!data.account) {
    return (
      <EmptyState
        title={t('medfund.housing.noAccount', { city: findCity(city)?.name ?? city })}
        description={t('medfund.housing.noAccountDesc')}
        action={
          data.elsewhere.length > 0 && (
            <div>
              <p className="field-help">{t('medfund.housing.elsewhere')}</p>
              <div className="mf-switch">
                {data.elsewhere.map((a) => (
                  <Button
                    key={a.cityCode}
                    color="primary"
                    fill="outline"
                    onClick={() => setCity(a.cityCode as typeof city)}
                    data-testid={`gjj-switch-${a.cityCode}`}
                  >
                    {t('medfund.housing.switchTo', { city: a.cityName })}
                  </Button>
                ))}
              </div>
            </div>
          )
        }
      />
    );
  }
  return (
    <>
      <AccountCard a={data.account} source={data.source} />
      <Deposits city={city} />
      <p className="field-help mf-note">{t('medfund.housing.loanNote')}</p>
    </>
  );
}

/** 公积金 (B5): 缴存信息 (masked account number, balance, monthly deposit, centre) and 缴存明细 with a balance chart. */
export default function HousingFund() {
  const { t } = useLocale();
  return (
    <Page title={t('medfund.housing.title')}>
      <p className="page-intro">{t('medfund.housing.intro')}</p>
      <RequireAuth>
        <Fund />
      </RequireAuth>
    </Page>
  );
}
