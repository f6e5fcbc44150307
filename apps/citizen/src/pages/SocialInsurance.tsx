import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import { useId, useState } from 'react';
import { type ContributionDetails, lookups } from '../api/lookups';
import { Icon } from '../components/icons';
import { Page, useGoBack } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { LinkItem } from '../components/ServiceItem';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';

type Statement = NonNullable<ContributionDetails['statement']>;

const money = (n: number) => n.toFixed(2);

/** Bars of the personal contribution per month: people see a gap or a change of base at a glance. */
function MonthChart({ s }: { s: Statement }) {
  const { t } = useLocale();
  const max = Math.max(1, ...s.months.map((m) => m.employeeTotal));
  const w = 320;
  const h = 120;
  const bar = w / Math.max(1, s.months.length);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h + 18}`} role="img" aria-label={t('shebao.chartLabel')} className="chart-svg">
        {s.months.map((m, i) => {
          const bh = (m.employeeTotal / max) * h;
          return (
            <g key={m.month}>
              <rect x={i * bar + 2} y={h - bh} width={Math.max(1, bar - 4)} height={bh} className="chart-bar" />
              {(i === 0 || i === s.months.length - 1) && (
                // anchored at the chart's edges: a centred label of the first/last bar was cut off ("025-01")
                <text x={i === 0 ? 0 : w} y={h + 14} textAnchor={i === 0 ? 'start' : 'end'} className="chart-label">
                  {m.month}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="field-help">{t('shebao.chartCaption')}</figcaption>
    </figure>
  );
}

function Details() {
  const { t } = useLocale();
  const goBack = useGoBack();
  const { city } = usePreferences();
  const [months, setMonths] = useState(12);
  const { data, problem, reload } = useVerifiedLoad(() => lookups.contributions({ city, months }), [months, city]);
  const tableId = useId();

  return (
    <>
      <Segmented
        label={t('shebao.period')}
        options={[6, 12, 36]}
        value={months}
        onChange={setMonths}
        testId={(n) => `shebao-months-${n}`}
        text={(n) => t('shebao.lastMonths', { count: n })}
      />
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} title={t('shebao.failed')} />
      ) : !data ? (
        <ListSkeleton rows={6} />
      ) : !data.statement || data.statement.months.length === 0 ? (
        <>
          <EmptyState title={t('shebao.empty')} description={t('shebao.emptyDesc')} />
          <SourceNote source={data.source} />
        </>
      ) : (
        <section className="card" aria-labelledby={tableId} data-testid="shebao-details">
          <h2 id={tableId} className="section-title">
            {t('shebao.totals', {
              employee: money(data.statement.totals.employee),
              employer: money(data.statement.totals.employer),
            })}
          </h2>
          <MonthChart s={data.statement} />
          <table className="data-table">
            <caption className="visually-hidden">{t('shebao.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shebao.month')}</th>
                <th scope="col">{t('shebao.base')}</th>
                <th scope="col">{t('shebao.employee')}</th>
                <th scope="col">{t('shebao.employer')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.statement.months].reverse().map((m) => (
                <tr key={m.month} data-testid="shebao-month">
                  <th scope="row">{m.month}</th>
                  <td>{money(m.base)}</td>
                  <td>{money(m.employeeTotal)}</td>
                  <td>{money(m.employerTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-help">{t('shebao.unit', { unit: data.statement.months.at(-1)?.unit.name ?? '' })}</p>
          <SourceNote source={data.source} />
        </section>
      )}
      {problem && (
        <div className="action-row">
          <Button block onClick={goBack}>
            {t('common.back')}
          </Button>
        </div>
      )}
    </>
  );
}

/** 社保缴费明细 (B2): month by month, behind a fresh 刷脸/PIN verification. */
export default function SocialInsurance() {
  const { t } = useLocale();
  return (
    <Page title={t('shebao.title')}>
      <p className="page-intro">{t('shebao.intro')}</p>
      <RequireAuth>
        <Details />
      </RequireAuth>
      <section className="card flush" aria-label={t('welfare.pension.entry')}>
        <List>
          <LinkItem
            to="/pension-certification"
            prefix={<Icon name="shield-check" className="list-icon" />}
            description={t('welfare.pension.entryDesc')}
            data-testid="shebao-pension-entry"
          >
            {t('welfare.pension.entry')}
          </LinkItem>
        </List>
      </section>
    </Page>
  );
}
