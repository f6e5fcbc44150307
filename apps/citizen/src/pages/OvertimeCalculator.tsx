import {
  displayYuan,
  type Fen,
  GUANGDONG_MINIMUM_WAGE,
  overtimePay,
  parseQuantity,
  STATUTORY_HOLIDAY_DAYS,
  STATUTORY_HOLIDAYS,
} from '@yss/contracts';
import { useState } from 'react';
import { calculators } from '../api/calculators';
import { CalcSubmit, MoneyField, ResultList, useMoneyForm, useSubmit } from '../components/CalcForm';
import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import './calculators.css';

type QtyKey = 'workdayHours' | 'restDays' | 'holidayDays';
const QTY: Record<QtyKey, { zhLabel: string; max: number; zhUnit: string; unit: 'hour' | 'day' }> = {
  workdayHours: { zhLabel: '工作日延长工作时间', max: 744, zhUnit: '小时', unit: 'hour' },
  restDays: { zhLabel: '休息日加班天数', max: 31, zhUnit: '天', unit: 'day' },
  holidayDays: { zhLabel: '法定节假日加班天数', max: 13, zhUnit: '天', unit: 'day' },
};

/** 加班工资计算器: 150 % / 200 % / 300 % on monthly ÷ 174 (hours) and ÷ 21.75 (days). */
export default function OvertimeCalculator() {
  const { t, isEn, pick } = useLocale();
  const { city } = usePreferences();
  const form = useMoneyForm<'base'>(
    { base: { zhLabel: '加班工资计算基数（月工资）', label: t('calc.overtime.base'), required: true } },
    { base: '' },
  );
  const [qty, setQty] = useState<Record<QtyKey, string>>({ workdayHours: '', restDays: '', holidayDays: '' });
  const [qtyServerErrors, setQtyServerErrors] = useState<Partial<Record<QtyKey, string>>>({});
  const parsedQty = {} as Record<QtyKey, number>;
  const qtyErrors: Partial<Record<QtyKey, string>> = {};
  for (const k of Object.keys(QTY) as QtyKey[]) {
    const r = parseQuantity(qty[k], QTY[k].zhLabel, QTY[k].max, QTY[k].zhUnit);
    if (r.ok) parsedQty[k] = r.tenths;
    else qtyErrors[k] = isEn ? t('calc.overtime.qtyInvalid', { max: String(QTY[k].max) }) : r.message;
  }
  const qtyValid = Object.keys(qtyErrors).length === 0;
  const p = form.parsed;
  const result =
    p && qtyValid
      ? overtimePay({
          monthlyBase: p.base,
          workdayHoursTenths: parsedQty.workdayHours,
          restDaysTenths: parsedQty.restDays,
          holidayDaysTenths: parsedQty.holidayDays,
          city,
        })
      : null;
  const minimum: Fen | undefined = GUANGDONG_MINIMUM_WAGE[city];

  const submit = useSubmit(async () => {
    setQtyServerErrors({});
    await form.submit(
      async () => {
        try {
          return await calculators.overtime({
            monthlyBase: form.values.base,
            ...(qty.workdayHours.trim() ? { workdayHours: qty.workdayHours } : {}),
            ...(qty.restDays.trim() ? { restDays: qty.restDays } : {}),
            ...(qty.holidayDays.trim() ? { holidayDays: qty.holidayDays } : {}),
            city,
          });
        } catch (e) {
          const errors = (e as { errors?: { path: string; message: string }[] }).errors ?? [];
          setQtyServerErrors(
            Object.fromEntries(errors.filter((x) => x.path in QTY).map((x) => [x.path, x.message])) as Partial<
              Record<QtyKey, string>
            >,
          );
          throw e;
        }
      },
      (path) => (path === 'monthlyBase' ? 'base' : null),
    );
  });

  const quantityField = (k: QtyKey, testId: string) => (
    <MoneyField
      key={k}
      label={t(`calc.overtime.${k}`)}
      value={qty[k]}
      onChange={(v) => {
        setQty((q) => ({ ...q, [k]: v }));
        setQtyServerErrors((e) => ({ ...e, [k]: undefined }));
      }}
      error={qtyServerErrors[k] ?? qtyErrors[k]}
      unit={t(`calc.overtime.unit.${QTY[k].unit}`)}
      testId={testId}
    />
  );

  return (
    <Page title={t('calc.overtimeTitle')} className="calc-main">
      <p className="calc-intro">{t('calc.overtime.intro')}</p>
      <form noValidate onSubmit={submit.onSubmit} className="card calc-form">
        <MoneyField
          label={t('calc.overtime.base')}
          value={form.values.base}
          onChange={(v) => form.set('base', v)}
          error={form.error('base')}
          help={
            minimum ? t('calc.overtime.baseHelpCity', { amount: displayYuan(minimum) }) : t('calc.overtime.baseHelp')
          }
          testId="overtime-base"
        />
        {quantityField('workdayHours', 'overtime-workday-hours')}
        {quantityField('restDays', 'overtime-rest-days')}
        {quantityField('holidayDays', 'overtime-holiday-days')}
        <CalcSubmit busy={submit.busy} formError={form.formError} confirmed={form.confirmed} />
      </form>
      {result && (
        <section className="card calc-result" aria-labelledby="calc-overtime-result">
          <h2 id="calc-overtime-result">{t('calc.resultTitle')}</h2>
          <ResultList
            rows={[
              [t('calc.overtime.daily'), displayYuan(result.dailyWage)],
              [t('calc.overtime.hourly'), displayYuan(result.hourlyWage)],
              ...result.items.map(
                (i) =>
                  [
                    `${t(`calc.overtime.item.${i.kind}`)} · ${t(`calc.overtime.quantity.${i.unit}`, { n: String(i.quantityTenths / 10) })}`,
                    displayYuan(i.amount),
                  ] as const,
              ),
              [t('calc.overtime.total'), displayYuan(result.total), 'overtime-total'],
            ]}
          />
          {result.warnings.includes('above-monthly-limit') && (
            <p className="calc-warning">{t('calc.overtime.aboveLimit')}</p>
          )}
          {result.warnings.includes('below-minimum-wage') && result.minimumWage !== null && (
            <p className="calc-warning">
              {t('calc.overtime.belowMinimum', { amount: displayYuan(result.minimumWage) })}
            </p>
          )}
        </section>
      )}
      <section className="card calc-facts" aria-labelledby="calc-holidays">
        <h2 id="calc-holidays">{t('calc.overtime.holidaysTitle', { days: String(STATUTORY_HOLIDAY_DAYS) })}</h2>
        <ul className="calc-holiday-list">
          {STATUTORY_HOLIDAYS.map((h) => (
            <li key={h.name}>
              <span>{pick(h.name, h.nameEn)}</span>
              <span>
                {t('calc.overtime.days', { n: String(h.days) })} · {pick(h.when, h.whenEn)}
              </span>
            </li>
          ))}
        </ul>
        <p className="calc-note">{t('calc.overtime.rules')}</p>
      </section>
      <p className="calc-sources">{t('calc.overtime.sources')}</p>
    </Page>
  );
}
