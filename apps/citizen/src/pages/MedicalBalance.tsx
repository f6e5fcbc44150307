import { useId, useState } from 'react';
import { medfund } from '../api/medfund';
import { BalanceChart } from '../components/BalanceChart';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';

const money = (n: number) => n.toFixed(2);
const signed = (n: number) => `${n > 0 ? '+' : ''}${n.toFixed(2)}`;

function Balance() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [months, setMonths] = useState(12);
  const headingId = useId();
  const { data, problem, reload } = useVerifiedLoad(() => medfund.balance({ city, months }), [city, months]);

  const period = (
    <Segmented
      label={t('medfund.period')}
      options={[3, 6, 12]}
      value={months}
      onChange={setMonths}
      testId={(n) => `yibao-months-${n}`}
      text={(n) => t('medfund.lastMonths', { count: n })}
    />
  );

  if (problem) {
    return (
      <LookupProblem
        problem={problem}
        onRetry={reload}
        title={t('medfund.failed')}
        action={{
          to: '/lookups/medical-payment',
          label: t('medfund.balance.activateFirst'),
          when: 'MEDICAL_PAYMENT_NOT_ACTIVATED',
        }}
      />
    );
  }
  if (!data) return <ListSkeleton rows={6} />;
  const { account, statement } = data;
  if (!account) {
    return <EmptyState title={t('medfund.balance.noAccount')} description={t('medfund.balance.noAccountDesc')} />;
  }
  if (account.balance === null) {
    return (
      <>
        <EmptyState
          title={t('medfund.balance.noPersonalAccount')}
          description={t('medfund.balance.noPersonalAccountDesc')}
        />
        <SourceNote source={data.source} />
      </>
    );
  }
  const txs = statement?.transactions ?? [];
  return (
    <>
      <section className="card" data-testid="yibao-balance">
        <p className="mf-figure-label">{t('medfund.balance.label')}</p>
        <p className="big-figure" data-testid="yibao-balance-figure">
          {t('medfund.yuan', { amount: money(account.balance) })}
        </p>
        <dl className="mf-facts">
          <dt>{t('medfund.payment.scheme')}</dt>
          <dd>{account.schemeName}</dd>
          <dt>{t('medfund.payment.insuredCity')}</dt>
          <dd>{account.insuredCityName}</dd>
          <dt>{t('medfund.payment.insuredStatus')}</dt>
          <dd>{account.statusName}</dd>
        </dl>
        <SourceNote source={data.source} />
      </section>
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId} className="section-title">
          {t('medfund.balance.details')}
        </h2>
        {period}
        {txs.length === 0 ? (
          <EmptyState title={t('medfund.balance.empty')} />
        ) : (
          <>
            <BalanceChart
              testId="yibao-chart"
              points={txs.map((x) => ({ label: x.occurredAt.slice(0, 10), value: x.balanceAfter }))}
              label={t('medfund.balance.chartLabel', {
                from: txs[0]?.occurredAt.slice(0, 10),
                to: txs.at(-1)?.occurredAt.slice(0, 10),
              })}
              caption={t('medfund.balance.chartCaption')}
            />
            <div className="mf-table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('medfund.balance.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('medfund.balance.date')}</th>
                    <th scope="col">{t('medfund.balance.item')}</th>
                    <th scope="col">{t('medfund.balance.amount')}</th>
                    <th scope="col">{t('medfund.balance.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...txs].reverse().map((x) => (
                    <tr key={`${x.occurredAt}-${x.amount}-${x.balanceAfter}`} data-testid="yibao-tx">
                      <th scope="row">{x.occurredAt.slice(5, 10)}</th>
                      <td>
                        {x.kindName}
                        {x.place ? `（${x.place}）` : ''}
                      </td>
                      <td>{signed(x.amount)}</td>
                      <td>{money(x.balanceAfter)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

/** 医保账户余额查询 (B3): 广州 (after 开通医保支付), 肇庆, 潮州, 清远; balance, chart and 个人账户明细. */
export default function MedicalBalance() {
  const { t } = useLocale();
  return (
    <Page title={t('medfund.balance.title')}>
      <p className="page-intro">{t('medfund.balance.intro')}</p>
      <RequireAuth>
        <Balance />
      </RequireAuth>
    </Page>
  );
}
