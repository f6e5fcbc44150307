import {
  annualBonusTax,
  annualSettlement,
  displayYuan,
  type ElderlyChoice,
  type Fen,
  type HousingChoice,
  labourRemunerationTax,
  MAX_ANNUAL_FEN,
  royaltiesTax,
  type SpecialDeductionsInput,
  type WageMonth,
  withholdWages,
} from '@yss/contracts';
import { type KeyboardEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { calculators } from '../api/calculators';
import { CalcSubmit, MoneyField, ResultList, SelectField, useMoneyForm, useSubmit } from '../components/CalcForm';
import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';
import './calculators.css';

const TABS = ['wages', 'bonus', 'labour', 'royalties', 'settlement'] as const;
type Tab = (typeof TABS)[number];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const y = (fen: Fen) => displayYuan(fen);
const rate = (percent: number) => `${percent}%`;

/** 个税计算器: 工资薪金 (累计预扣法, 12 months), 年终奖, 劳务报酬, 稿酬, 年度汇算. */
export default function IncomeTaxCalculator() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'wages';
  const base = useId();
  const choose = (next: Tab) => setParams({ tab: next }, { replace: true });
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : null;
    if (!next) return;
    e.preventDefault();
    choose(next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  };
  return (
    <Page title={t('calc.taxTitle')} className="calc-main">
      <p className="calc-intro">{t('calc.taxIntro')}</p>
      <div className="calc-tabs" role="tablist" aria-label={t('calc.tabsLabel')}>
        {TABS.map((k) => (
          <button
            key={k}
            id={`${base}-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls={`${base}-panel`}
            tabIndex={tab === k ? 0 : -1}
            className={tab === k ? 'calc-tab active' : 'calc-tab'}
            data-testid={`calc-tab-${k}`}
            onClick={() => choose(k)}
            onKeyDown={onKeyDown}
          >
            {t(`calc.tabs.${k}`)}
          </button>
        ))}
      </div>
      <section id={`${base}-panel`} role="tabpanel" aria-labelledby={`${base}-tab-${tab}`} className="calc-panel">
        {tab === 'wages' && <WagesPanel />}
        {tab === 'bonus' && <BonusPanel />}
        {tab === 'labour' && <PerPaymentPanel kind="labour" />}
        {tab === 'royalties' && <PerPaymentPanel kind="royalties" />}
        {tab === 'settlement' && <SettlementPanel />}
      </section>
      <p className="calc-sources">{t('calc.taxSources')}</p>
    </Page>
  );
}

// ── 工资薪金 ────────────────────────────────────────────────────────────────────────────────────────────

type WageKey = 'gross' | 'si' | 'other' | 'elderlyShare' | `m${(typeof MONTHS)[number]}`;

function WagesPanel() {
  const { t } = useLocale();
  const [varying, setVarying] = useState(false);
  const [childEducation, setChildEducation] = useState({ children: '0', share: '100' });
  const [infantCare, setInfantCare] = useState({ children: '0', share: '100' });
  const [elderly, setElderly] = useState<ElderlyChoice>('none');
  const [housing, setHousing] = useState<HousingChoice>('none');
  const [degree, setDegree] = useState(false);
  const [certificateMonth, setCertificateMonth] = useState('0');

  const monthSpecs = Object.fromEntries(
    MONTHS.map((m) => [
      `m${m}`,
      { zhLabel: `${m}月工资`, label: t('calc.wages.monthGross', { month: String(m) }), required: varying },
    ]),
  ) as Record<`m${(typeof MONTHS)[number]}`, { zhLabel: string; label: string; required: boolean }>;
  const form = useMoneyForm<WageKey>(
    {
      gross: { zhLabel: '月工资', label: t('calc.wages.gross'), required: !varying },
      si: { zhLabel: '每月社保公积金个人缴费', label: t('calc.wages.si') },
      other: { zhLabel: '每月其他扣除', label: t('calc.wages.other') },
      elderlyShare: {
        zhLabel: '赡养老人每月分摊金额',
        label: t('calc.wages.elderlyShare'),
        required: elderly === 'shared',
      },
      ...monthSpecs,
    },
    {
      gross: '',
      si: '',
      other: '',
      elderlyShare: '1500',
      ...(Object.fromEntries(MONTHS.map((m) => [`m${m}`, ''])) as Record<`m${(typeof MONTHS)[number]}`, string>),
    },
  );

  const special: SpecialDeductionsInput = {
    ...(Number(childEducation.children) > 0
      ? {
          childEducation: {
            children: Number(childEducation.children),
            sharePercent: childEducation.share === '50' ? 50 : 100,
          },
        }
      : {}),
    ...(Number(infantCare.children) > 0
      ? { infantCare: { children: Number(infantCare.children), sharePercent: infantCare.share === '50' ? 50 : 100 } }
      : {}),
    elderlySupport: elderly,
    ...(elderly === 'shared' ? { elderlySharedMonthly: form.values.elderlyShare } : {}),
    housing,
    degreeEducation: degree,
    ...(certificateMonth !== '0' ? { vocationalCertificateMonth: Number(certificateMonth) } : {}),
  };

  const p = form.parsed;
  const sharedTooHigh = elderly === 'shared' && p !== null && p.elderlyShare > 1_500_00;
  const months: WageMonth[] | null = p
    ? MONTHS.map((m) => ({
        month: m,
        gross: varying ? p[`m${m}`] : p.gross,
        socialInsurance: p.si,
        otherDeductions: p.other,
      }))
    : null;
  const siTooHigh = months?.some((m) => m.socialInsurance > m.gross) ?? false;
  const result =
    months && !sharedTooHigh && !siTooHigh
      ? withholdWages(months, {
          childEducation: special.childEducation as { children: number; sharePercent: 100 | 50 } | undefined,
          infantCare: special.infantCare as { children: number; sharePercent: 100 | 50 } | undefined,
          elderlySupport: elderly,
          elderlySharedMonthly: p?.elderlyShare,
          housing,
          degreeEducation: degree,
          vocationalCertificateMonth: special.vocationalCertificateMonth,
        })
      : null;

  const body = () =>
    varying
      ? {
          months: MONTHS.map((m) => ({
            month: m,
            gross: form.values[`m${m}`],
            ...(form.values.si.trim() ? { socialInsurance: form.values.si } : {}),
            ...(form.values.other.trim() ? { otherDeductions: form.values.other } : {}),
          })),
          specialDeductions: special,
        }
      : {
          monthlyGross: form.values.gross,
          ...(form.values.si.trim() ? { socialInsurance: form.values.si } : {}),
          ...(form.values.other.trim() ? { otherDeductions: form.values.other } : {}),
          specialDeductions: special,
        };
  const fieldOf = (path: string): WageKey | null => {
    const row = /^months\.(\d+)\.(\w+)/.exec(path);
    if (row)
      return row[2] === 'gross' ? (`m${Number(row[1]) + 1}` as WageKey) : row[2] === 'socialInsurance' ? 'si' : 'other';
    return (
      (
        {
          monthlyGross: 'gross',
          socialInsurance: 'si',
          otherDeductions: 'other',
          'specialDeductions.elderlySharedMonthly': 'elderlyShare',
        } as Record<string, WageKey>
      )[path] ?? null
    );
  };
  const submit = useSubmit(() => form.submit(() => calculators.wages(body() as never), fieldOf));

  const counts = ['0', '1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }));
  const shares = [
    { value: '100', label: t('calc.wages.share100') },
    { value: '50', label: t('calc.wages.share50') },
  ];

  return (
    <>
      <form noValidate onSubmit={submit.onSubmit} className="card calc-form">
        {!varying && (
          <MoneyField
            label={t('calc.wages.gross')}
            value={form.values.gross}
            onChange={(v) => form.set('gross', v)}
            error={form.error('gross')}
            help={t('calc.wages.grossHelp')}
            testId="calc-gross"
          />
        )}
        <label className="calc-check">
          <input
            type="checkbox"
            checked={varying}
            onChange={(e) => setVarying(e.target.checked)}
            data-testid="calc-varying"
          />
          <span>{t('calc.wages.varying')}</span>
        </label>
        {varying && (
          <fieldset className="calc-fieldset calc-months">
            <legend>{t('calc.wages.varyingLegend')}</legend>
            {MONTHS.map((m) => (
              <MoneyField
                key={m}
                label={t('calc.wages.monthGross', { month: String(m) })}
                value={form.values[`m${m}`]}
                onChange={(v) => form.set(`m${m}`, v)}
                error={form.error(`m${m}`)}
                testId={`calc-gross-${m}`}
              />
            ))}
          </fieldset>
        )}
        <MoneyField
          label={t('calc.wages.si')}
          value={form.values.si}
          onChange={(v) => form.set('si', v)}
          error={form.error('si') ?? (siTooHigh ? t('calc.wages.siTooHigh') : undefined)}
          help={t('calc.wages.siHelp')}
          testId="calc-si"
        />
        <fieldset className="calc-fieldset">
          <legend>{t('calc.wages.special')}</legend>
          <div className="calc-pair">
            <SelectField
              label={t('calc.wages.childEducation')}
              value={childEducation.children}
              options={counts}
              onChange={(v) => setChildEducation((c) => ({ ...c, children: v }))}
              testId="calc-child-education"
            />
            <SelectField
              label={t('calc.wages.share')}
              value={childEducation.share}
              options={shares}
              onChange={(v) => setChildEducation((c) => ({ ...c, share: v }))}
            />
          </div>
          <div className="calc-pair">
            <SelectField
              label={t('calc.wages.infantCare')}
              value={infantCare.children}
              options={counts}
              onChange={(v) => setInfantCare((c) => ({ ...c, children: v }))}
            />
            <SelectField
              label={t('calc.wages.share')}
              value={infantCare.share}
              options={shares}
              onChange={(v) => setInfantCare((c) => ({ ...c, share: v }))}
            />
          </div>
          <SelectField<ElderlyChoice>
            label={t('calc.wages.elderly')}
            value={elderly}
            options={[
              { value: 'none', label: t('calc.wages.elderlyNone') },
              { value: 'only-child', label: t('calc.wages.elderlyOnly') },
              { value: 'shared', label: t('calc.wages.elderlyShared') },
            ]}
            onChange={setElderly}
          />
          {elderly === 'shared' && (
            <MoneyField
              label={t('calc.wages.elderlyShare')}
              value={form.values.elderlyShare}
              onChange={(v) => form.set('elderlyShare', v)}
              error={form.error('elderlyShare') ?? (sharedTooHigh ? t('calc.wages.elderlyShareTooHigh') : undefined)}
              help={t('calc.wages.elderlyShareHelp')}
            />
          )}
          <SelectField<HousingChoice>
            label={t('calc.wages.housing')}
            value={housing}
            options={[
              { value: 'none', label: t('calc.wages.housingNone') },
              { value: 'loan', label: t('calc.wages.housingLoan') },
              { value: 'rent-tier1', label: t('calc.wages.rent1') },
              { value: 'rent-tier2', label: t('calc.wages.rent2') },
              { value: 'rent-tier3', label: t('calc.wages.rent3') },
            ]}
            onChange={setHousing}
            help={t('calc.wages.housingHelp')}
          />
          <label className="calc-check">
            <input type="checkbox" checked={degree} onChange={(e) => setDegree(e.target.checked)} />
            <span>{t('calc.wages.degree')}</span>
          </label>
          <SelectField
            label={t('calc.wages.certificate')}
            value={certificateMonth}
            options={[
              { value: '0', label: t('calc.wages.certificateNone') },
              ...MONTHS.map((m) => ({ value: String(m), label: t('calc.monthN', { month: String(m) }) })),
            ]}
            onChange={setCertificateMonth}
          />
        </fieldset>
        <MoneyField
          label={t('calc.wages.other')}
          value={form.values.other}
          onChange={(v) => form.set('other', v)}
          error={form.error('other')}
          help={t('calc.wages.otherHelp')}
        />
        <CalcSubmit busy={submit.busy} formError={form.formError} confirmed={form.confirmed} />
      </form>
      {result && (
        <section className="card calc-result" aria-labelledby="calc-wages-result">
          <h2 id="calc-wages-result">{t('calc.resultTitle')}</h2>
          <ResultList
            rows={[
              [t('calc.wages.totalTax'), y(result.totals.tax), 'calc-total-tax'],
              [t('calc.wages.totalNet'), y(result.totals.net)],
              [t('calc.wages.totalSpecial'), y(result.totals.specialDeductions)],
            ]}
          />
          {result.overWithheld > 0 && (
            <p className="calc-note">{t('calc.wages.overWithheld', { amount: y(result.overWithheld) })}</p>
          )}
          <p className="calc-note" id="calc-table-hint">
            {t('calc.wages.scroll')}
          </p>
          <section
            className="calc-table-wrap"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
            tabIndex={0}
            aria-labelledby="calc-table-caption"
            aria-describedby="calc-table-hint"
          >
            <table className="calc-table" data-testid="calc-month-table">
              <caption id="calc-table-caption">{t('calc.wages.table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calc.wages.table.month')}</th>
                  <th scope="col">{t('calc.wages.table.gross')}</th>
                  <th scope="col">{t('calc.wages.table.tax')}</th>
                  <th scope="col">{t('calc.wages.table.net')}</th>
                  <th scope="col">{t('calc.wages.table.cumIncome')}</th>
                  <th scope="col">{t('calc.wages.table.cumDeductions')}</th>
                  <th scope="col">{t('calc.wages.table.cumTaxable')}</th>
                  <th scope="col">{t('calc.wages.table.rate')}</th>
                  <th scope="col">{t('calc.wages.table.quick')}</th>
                  <th scope="col">{t('calc.wages.table.cumTax')}</th>
                </tr>
              </thead>
              <tbody>
                {result.months.map((m) => (
                  <tr key={m.month} data-testid="calc-month-row" data-month={m.month}>
                    <th scope="row">{t('calc.monthN', { month: String(m.month) })}</th>
                    <td>{y(m.gross)}</td>
                    <td className="calc-strong" data-testid="calc-month-tax">
                      {y(m.tax)}
                    </td>
                    <td>{y(m.net)}</td>
                    <td>{y(m.cumulativeIncome)}</td>
                    <td>{y(m.cumulativeDeductions)}</td>
                    <td>{y(m.cumulativeTaxable)}</td>
                    <td>{rate(m.ratePercent)}</td>
                    <td>{y(m.quickDeduction)}</td>
                    <td>{y(m.cumulativeTax)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      )}
    </>
  );
}

// ── 年终奖 ─────────────────────────────────────────────────────────────────────────────────────────────

function BonusPanel() {
  const { t } = useLocale();
  type K = 'bonus' | 'wages' | 'si' | 'special' | 'other';
  const form = useMoneyForm<K>(
    {
      bonus: { zhLabel: '全年一次性奖金', label: t('calc.bonus.bonus'), required: true },
      wages: { zhLabel: '全年工资薪金（不含年终奖）', label: t('calc.bonus.wages'), max: MAX_ANNUAL_FEN },
      si: { zhLabel: '全年社保公积金个人缴费', label: t('calc.annual.si'), max: MAX_ANNUAL_FEN },
      special: { zhLabel: '全年专项附加扣除', label: t('calc.annual.special'), max: MAX_ANNUAL_FEN },
      other: { zhLabel: '全年其他扣除', label: t('calc.annual.other'), max: MAX_ANNUAL_FEN },
    },
    { bonus: '', wages: '', si: '', special: '', other: '' },
  );
  const p = form.parsed;
  const r = p
    ? annualBonusTax({
        bonus: p.bonus,
        wages: p.wages,
        socialInsurance: p.si,
        specialDeductions: p.special,
        otherDeductions: p.other,
      })
    : null;
  const fieldOf = (path: string): K | null =>
    (
      ({
        bonus: 'bonus',
        annualWages: 'wages',
        annualSocialInsurance: 'si',
        annualSpecialDeductions: 'special',
        annualOtherDeductions: 'other',
      }) as Record<string, K>
    )[path] ?? null;
  const v = form.values;
  const opt = (s: string) => (s.trim() ? s : undefined);
  const submit = useSubmit(() =>
    form.submit(
      () =>
        calculators.annualBonus({
          bonus: v.bonus,
          annualWages: opt(v.wages),
          annualSocialInsurance: opt(v.si),
          annualSpecialDeductions: opt(v.special),
          annualOtherDeductions: opt(v.other),
        }),
      fieldOf,
    ),
  );
  return (
    <>
      <form noValidate onSubmit={submit.onSubmit} className="card calc-form">
        <MoneyField
          label={t('calc.bonus.bonus')}
          value={v.bonus}
          onChange={(x) => form.set('bonus', x)}
          error={form.error('bonus')}
          testId="calc-bonus"
        />
        <p className="calc-note">{t('calc.bonus.contextHint')}</p>
        <MoneyField
          label={t('calc.bonus.wages')}
          value={v.wages}
          onChange={(x) => form.set('wages', x)}
          error={form.error('wages')}
        />
        <MoneyField
          label={t('calc.annual.si')}
          value={v.si}
          onChange={(x) => form.set('si', x)}
          error={form.error('si')}
        />
        <MoneyField
          label={t('calc.annual.special')}
          value={v.special}
          onChange={(x) => form.set('special', x)}
          error={form.error('special')}
          help={t('calc.annual.specialHelp')}
        />
        <MoneyField
          label={t('calc.annual.other')}
          value={v.other}
          onChange={(x) => form.set('other', x)}
          error={form.error('other')}
        />
        <CalcSubmit busy={submit.busy} formError={form.formError} confirmed={form.confirmed} />
      </form>
      {r && (
        <section className="card calc-result" aria-labelledby="calc-bonus-result">
          <h2 id="calc-bonus-result">{t('calc.resultTitle')}</h2>
          <p className="calc-verdict" data-testid="calc-bonus-better">
            {t(`calc.bonus.better.${r.better}`, { amount: y(r.saving) })}
          </p>
          <h3>{t('calc.bonus.separate')}</h3>
          <ResultList
            rows={[
              [t('calc.bonus.monthlyAverage'), y(r.separate.monthlyAverage)],
              [t('calc.rate'), rate(r.separate.ratePercent)],
              [t('calc.quickDeduction'), y(r.separate.quickDeduction)],
              [t('calc.bonus.bonusTax'), y(r.separate.bonusTax), 'calc-bonus-tax'],
              [t('calc.bonus.wagesTax'), y(r.separate.wagesTax)],
              [t('calc.bonus.totalTax'), y(r.separate.totalTax)],
            ]}
          />
          <h3>{t('calc.bonus.merged')}</h3>
          <ResultList
            rows={[
              [t('calc.taxable'), y(r.merged.taxable)],
              [t('calc.rate'), rate(r.merged.ratePercent)],
              [t('calc.quickDeduction'), y(r.merged.quickDeduction)],
              [t('calc.bonus.totalTax'), y(r.merged.totalTax)],
            ]}
          />
          <p className="calc-note">{t('calc.bonus.note')}</p>
        </section>
      )}
    </>
  );
}

// ── 劳务报酬 / 稿酬 ────────────────────────────────────────────────────────────────────────────────────

function PerPaymentPanel({ kind }: { kind: 'labour' | 'royalties' }) {
  const { t } = useLocale();
  const form = useMoneyForm<'amount'>(
    {
      amount: {
        zhLabel: kind === 'labour' ? '劳务报酬收入（每次）' : '稿酬收入（每次）',
        label: t(`calc.${kind}.amount`),
        required: true,
      },
    },
    { amount: '' },
  );
  const p = form.parsed;
  const submit = useSubmit(() =>
    form.submit(() =>
      kind === 'labour'
        ? calculators.labour({ amount: form.values.amount })
        : calculators.royalties({ amount: form.values.amount }),
    ),
  );
  const rows = (): [string, string, string?][] => {
    if (!p) return [];
    if (kind === 'labour') {
      const r = labourRemunerationTax(p.amount);
      return [
        [t('calc.perPayment.expense'), y(r.expenseDeduction)],
        [t('calc.taxable'), y(r.taxable)],
        [t('calc.rate'), rate(r.ratePercent)],
        [t('calc.quickDeduction'), y(r.quickDeduction)],
        [t('calc.perPayment.tax'), y(r.tax), 'calc-payment-tax'],
        [t('calc.perPayment.net'), y(r.net)],
      ];
    }
    const r = royaltiesTax(p.amount);
    return [
      [t('calc.perPayment.expense'), y(r.expenseDeduction)],
      [t('calc.royalties.before'), y(r.incomeBeforeReduction)],
      [t('calc.royalties.taxable'), y(r.taxable)],
      [t('calc.rate'), rate(r.ratePercent)],
      [t('calc.perPayment.tax'), y(r.tax), 'calc-payment-tax'],
      [t('calc.perPayment.net'), y(r.net)],
    ];
  };
  return (
    <>
      <form noValidate onSubmit={submit.onSubmit} className="card calc-form">
        <MoneyField
          label={t(`calc.${kind}.amount`)}
          value={form.values.amount}
          onChange={(x) => form.set('amount', x)}
          error={form.error('amount')}
          help={t(`calc.${kind}.note`)}
          testId="calc-amount"
        />
        <CalcSubmit busy={submit.busy} formError={form.formError} confirmed={form.confirmed} />
      </form>
      {p && (
        <section className="card calc-result" aria-labelledby={`calc-${kind}-result`}>
          <h2 id={`calc-${kind}-result`}>{t('calc.resultTitle')}</h2>
          <ResultList rows={rows()} />
        </section>
      )}
    </>
  );
}

// ── 年度汇算 ───────────────────────────────────────────────────────────────────────────────────────────

function SettlementPanel() {
  const { t } = useLocale();
  type K = 'wages' | 'labour' | 'royalties' | 'franchise' | 'si' | 'special' | 'other' | 'prepaid';
  const zh: Record<K, string> = {
    wages: '全年工资薪金收入',
    labour: '全年劳务报酬收入',
    royalties: '全年稿酬收入',
    franchise: '全年特许权使用费收入',
    si: '全年社保公积金个人缴费',
    special: '全年专项附加扣除',
    other: '全年其他扣除',
    prepaid: '已预缴税额',
  };
  const keys = Object.keys(zh) as K[];
  const label = (k: K) => t(`calc.settlement.${k}`);
  const form = useMoneyForm<K>(
    Object.fromEntries(keys.map((k) => [k, { zhLabel: zh[k], label: label(k), max: MAX_ANNUAL_FEN }])) as Record<
      K,
      { zhLabel: string; label: string; max: Fen }
    >,
    Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>,
  );
  const p = form.parsed;
  const r = p
    ? annualSettlement({
        wages: p.wages,
        labour: p.labour,
        royalties: p.royalties,
        franchise: p.franchise,
        socialInsurance: p.si,
        specialDeductions: p.special,
        otherDeductions: p.other,
        prepaid: p.prepaid,
      })
    : null;
  const apiName: Record<K, string> = {
    wages: 'wages',
    labour: 'labour',
    royalties: 'royalties',
    franchise: 'franchise',
    si: 'socialInsurance',
    special: 'specialDeductions',
    other: 'otherDeductions',
    prepaid: 'prepaid',
  };
  const submit = useSubmit(() =>
    form.submit(
      () =>
        calculators.settlement(
          Object.fromEntries(keys.filter((k) => form.values[k].trim()).map((k) => [apiName[k], form.values[k]])),
        ),
      (path) => keys.find((k) => apiName[k] === path) ?? null,
    ),
  );
  return (
    <>
      <form noValidate onSubmit={submit.onSubmit} className="card calc-form">
        {keys.map((k) => (
          <MoneyField
            key={k}
            label={label(k)}
            value={form.values[k]}
            onChange={(x) => form.set(k, x)}
            error={form.error(k)}
            help={
              k === 'special'
                ? t('calc.annual.specialHelp')
                : k === 'prepaid'
                  ? t('calc.settlement.prepaidHelp')
                  : undefined
            }
            testId={`calc-settlement-${k}`}
          />
        ))}
        <CalcSubmit busy={submit.busy} formError={form.formError} confirmed={form.confirmed} />
      </form>
      {r && (
        <section className="card calc-result" aria-labelledby="calc-settlement-result">
          <h2 id="calc-settlement-result">{t('calc.resultTitle')}</h2>
          <p className="calc-verdict" data-testid="calc-settlement-outcome">
            {r.outcome === 'none'
              ? t('calc.settlement.none')
              : t(`calc.settlement.${r.outcome}`, { amount: y(Math.abs(r.balance)) })}
          </p>
          {r.paymentExempt && <p className="calc-note">{t('calc.settlement.exempt')}</p>}
          <ResultList
            rows={[
              [t('calc.settlement.totalIncome'), y(r.totalIncome)],
              [t('calc.settlement.deductions'), y(r.totalDeductions)],
              [t('calc.taxable'), y(r.taxable)],
              [t('calc.rate'), rate(r.ratePercent)],
              [t('calc.quickDeduction'), y(r.quickDeduction)],
              [t('calc.settlement.tax'), y(r.tax)],
              [t('calc.settlement.prepaid'), y(r.prepaid)],
            ]}
          />
        </section>
      )}
    </>
  );
}
