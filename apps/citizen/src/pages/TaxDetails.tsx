import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { type IncomeTaxLookup, type InsuranceFeeLookup, tax } from '../api/tax';
import { Page, useGoBack } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './tax.css';

export type TaxDetailsKind = 'income-tax' | 'insurance-fees';

const money = (n: number) => n.toFixed(2);
/** This month in China (the server refuses later months), YYYY-MM. */
const chinaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

type Choice = { id: string; from?: string; to?: string };

function choices(): Choice[] {
  const now = chinaMonth();
  const year = Number(now.slice(0, 4));
  return [
    { id: 'recent' },
    { id: String(year - 1), from: `${year - 1}-01`, to: `${year - 1}-12` },
    { id: String(year - 2), from: `${year - 2}-01`, to: `${year - 2}-12` },
    { id: 'custom' },
  ];
}

/** Bars per month; with `light`, a second lighter bar beside each (the employer's part). */
function MonthBars({
  months,
  label,
  caption,
}: {
  months: { month: string; value: number; light?: number }[];
  label: string;
  caption: string;
}) {
  const max = Math.max(1, ...months.map((m) => Math.max(m.value, m.light ?? 0)));
  const w = 320;
  const h = 120;
  const slot = w / Math.max(1, months.length);
  const pair = months.some((m) => m.light !== undefined);
  const bw = Math.max(1, (pair ? slot / 2 : slot) - 3);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h + 18}`} role="img" aria-label={label} className="chart-svg" data-testid="tax-chart">
        {months.map((m, i) => {
          const bh = (m.value / max) * h;
          const lh = ((m.light ?? 0) / max) * h;
          return (
            <g key={m.month}>
              <rect x={i * slot + 1.5} y={h - bh} width={bw} height={bh} className="chart-bar" />
              {pair && <rect x={i * slot + slot / 2} y={h - lh} width={bw} height={lh} className="tax-bar-light" />}
              {(i === 0 || i === months.length - 1) && (
                <text x={i === 0 ? 0 : w} y={h + 14} textAnchor={i === 0 ? 'start' : 'end'} className="chart-label">
                  {m.month}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="field-help">{caption}</figcaption>
    </figure>
  );
}

function Totals({ items }: { items: { label: string; value: number; testId: string }[] }) {
  const { t } = useLocale();
  return (
    <dl className="tax-totals">
      {items.map((i) => (
        <div key={i.testId}>
          <dt>{i.label}</dt>
          <dd data-testid={i.testId}>{t('tax.details.yuan', { amount: money(i.value) })}</dd>
        </div>
      ))}
    </dl>
  );
}

function IncomeTaxView({ d }: { d: NonNullable<IncomeTaxLookup['details']> }) {
  const { t } = useLocale();
  const agents = [...new Set(d.records.map((r) => r.withholdingAgent.name))];
  return (
    <>
      <Totals
        items={[
          { label: t('tax.details.totalTax'), value: d.totalTax, testId: 'tax-total' },
          { label: t('tax.details.totalIncome'), value: d.totalIncome, testId: 'tax-total-income' },
        ]}
      />
      <MonthBars
        months={d.records.map((r) => ({ month: r.month, value: r.tax }))}
        label={t('tax.details.incomeChart', { from: d.from, to: d.to })}
        caption={t('tax.details.incomeChartCaption')}
      />
      <table className="data-table">
        <caption className="visually-hidden">{t('tax.details.incomeTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tax.details.month')}</th>
            <th scope="col">{t('tax.details.income')}</th>
            <th scope="col">{t('tax.details.tax')}</th>
          </tr>
        </thead>
        <tbody>
          {[...d.records].reverse().map((r) => (
            <tr key={`${r.month}-${r.withholdingAgent.uscc}`} data-testid="tax-month">
              <th scope="row">{r.month}</th>
              <td>{money(r.income)}</td>
              <td>{money(r.tax)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {agents.map((name) => (
        <p key={name} className="field-help">
          {t('tax.details.agent', { name })}
        </p>
      ))}
      <p className="field-help">{t('tax.details.authority', { name: d.records.at(-1)?.taxAuthority ?? '' })}</p>
    </>
  );
}

function FeesView({ d }: { d: NonNullable<InsuranceFeeLookup['details']> }) {
  const { t } = useLocale();
  const payers = [...new Set(d.records.map((r) => r.payer.name))];
  const latest = d.records.at(-1);
  return (
    <>
      <Totals
        items={[
          { label: t('tax.details.totalPersonal'), value: d.personalTotal, testId: 'fees-total-personal' },
          { label: t('tax.details.totalUnit'), value: d.unitTotal, testId: 'fees-total-unit' },
        ]}
      />
      <MonthBars
        months={d.records.map((r) => ({ month: r.month, value: r.personalTotal, light: r.unitTotal }))}
        label={t('tax.details.feesChart', { from: d.from, to: d.to })}
        caption={t('tax.details.feesChartCaption')}
      />
      <table className="data-table">
        <caption className="visually-hidden">{t('tax.details.feesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tax.details.month')}</th>
            <th scope="col">{t('tax.details.base')}</th>
            <th scope="col">{t('tax.details.personal')}</th>
            <th scope="col">{t('tax.details.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {[...d.records].reverse().map((r) => (
            <tr key={`${r.month}-${r.payer.uscc}`} data-testid="fees-month">
              <th scope="row">{r.month}</th>
              <td>{money(r.contributionBase)}</td>
              <td>{money(r.personalTotal)}</td>
              <td>{money(r.unitTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {latest && (
        <table className="data-table tax-items">
          <caption className="tax-caption">{t('tax.details.itemsOf', { month: latest.month })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tax.details.item')}</th>
              <th scope="col">{t('tax.details.personal')}</th>
              <th scope="col">{t('tax.details.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.items.map((i) => (
              <tr key={i.kind}>
                <th scope="row">{i.name}</th>
                <td>{money(i.personalAmount)}</td>
                <td>{money(i.unitAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {payers.map((name) => (
        <p key={name} className="field-help">
          {t('tax.details.payer', { name })}
        </p>
      ))}
    </>
  );
}

function Details({ kind }: { kind: TaxDetailsKind }) {
  const { t } = useLocale();
  const problemText = useProblemText();
  const goBack = useGoBack();
  const { city } = usePreferences();
  const options = choices();
  const [choice, setChoice] = useState('recent');
  const [custom, setCustom] = useState({ from: `${chinaMonth().slice(0, 4)}-01`, to: chinaMonth() });
  const [asked, setAsked] = useState<{ from?: string; to?: string }>({});
  const { data, problem, reload } = useVerifiedLoad<IncomeTaxLookup | InsuranceFeeLookup>(() => {
    const q = { city, ...asked };
    return kind === 'income-tax' ? tax.incomeTax(q) : tax.insuranceFees(q);
  }, [asked, city, kind]);
  const titleId = useId();
  const fromId = useId();
  const toId = useId();

  const pick = (c: Choice) => {
    setChoice(c.id);
    if (c.id !== 'custom') setAsked(c.from ? { from: c.from, to: c.to } : {});
  };

  const income = kind === 'income-tax';
  const details = data?.details ?? null;
  return (
    <>
      <fieldset className="segmented" aria-label={t('tax.details.period')}>
        {options.map((c) => (
          <button
            key={c.id}
            type="button"
            className={`segmented-item${choice === c.id ? ' active' : ''}`}
            aria-pressed={choice === c.id}
            onClick={() => pick(c)}
            data-testid={`tax-period-${c.id}`}
          >
            {c.id === 'recent'
              ? t('tax.details.recent')
              : c.id === 'custom'
                ? t('tax.details.custom')
                : t('tax.details.year', { year: c.id })}
          </button>
        ))}
      </fieldset>
      {choice === 'custom' && (
        <form
          className="card tax-custom"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked({ ...custom });
            reload();
          }}
        >
          <div className="tax-custom-row">
            <div className="field">
              <label className="field-label" htmlFor={fromId}>
                {t('tax.details.from')}
              </label>
              <input
                id={fromId}
                type="month"
                className="tax-input"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
                data-testid="tax-from"
                required
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={toId}>
                {t('tax.details.to')}
              </label>
              <input
                id={toId}
                type="month"
                className="tax-input"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
                data-testid="tax-to"
                required
              />
            </div>
          </div>
          <Button block color="primary" type="submit" data-testid="tax-query">
            {t('tax.details.query')}
          </Button>
        </form>
      )}
      {problem && problem.status === 400 ? (
        // A period the server refuses (reversed, in the future, too long): say so where the period is chosen.
        <p className="form-error tax-note" role="alert" data-testid="tax-period-error">
          {problemText(problem)}
        </p>
      ) : problem ? (
        <ErrorState problem={problem} onRetry={reload} title={t('tax.details.failed')} />
      ) : !data ? (
        <ListSkeleton rows={6} />
      ) : !details || details.records.length === 0 ? (
        <>
          <EmptyState
            title={income ? t('tax.details.emptyIncome') : t('tax.details.emptyFees')}
            description={income ? t('tax.details.emptyIncomeDesc') : t('tax.details.emptyFeesDesc')}
          />
          <div className="tax-source">
            <SourceNote source={data.source} />
          </div>
        </>
      ) : (
        <section className="card" aria-labelledby={titleId} data-testid="tax-details">
          <h2 id={titleId} className="section-title">
            {t('tax.details.periodLabel', { from: details.from, to: details.to })}
          </h2>
          {income ? (
            <IncomeTaxView d={details as NonNullable<IncomeTaxLookup['details']>} />
          ) : (
            <FeesView d={details as NonNullable<InsuranceFeeLookup['details']>} />
          )}
          <SourceNote source={data.source} />
        </section>
      )}
      {problem && problem.status !== 400 && (
        <div className="action-row">
          <Button block onClick={goBack}>
            {t('common.back')}
          </Button>
        </div>
      )}
    </>
  );
}

/** 个税缴纳明细 and 社会保险费缴费明细 (F4): month by month for a chosen period, behind a fresh 刷脸/PIN check. */
export default function TaxDetails({ kind }: { kind: TaxDetailsKind }) {
  const { t } = useLocale();
  const income = kind === 'income-tax';
  return (
    <Page title={income ? t('tax.details.incomeTitle') : t('tax.details.feesTitle')}>
      <p className="page-intro">{income ? t('tax.details.incomeIntro') : t('tax.details.feesIntro')}</p>
      <RequireAuth>
        <Details kind={kind} />
      </RequireAuth>
    </Page>
  );
}
