import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, MAX_AMOUNT_FEN, parseMoney, yuan } from './money.js';
import { overtimePay, parseQuantity, STATUTORY_HOLIDAY_DAYS, STATUTORY_HOLIDAYS } from './overtime.js';

describe('加班工资', () => {
  // Computed: 5,000 a month; 10 hours on working days, 2 rest days, 1 statutory holiday.
  it('itemises 150 % / 200 % / 300 % on monthly ÷ 174 and ÷ 21.75', () => {
    const r = overtimePay({
      monthlyBase: yuan(5_000),
      workdayHoursTenths: 100,
      restDaysTenths: 20,
      holidayDaysTenths: 10,
    });
    expect(formatYuan(r.hourlyWage)).toBe('28.74'); // 28.7356…
    expect(formatYuan(r.dailyWage)).toBe('229.89'); // 229.8850…
    expect(r.items.map((i) => formatYuan(i.amount))).toEqual(['431.03', '919.54', '689.66']);
    expect(formatYuan(r.total)).toBe('2040.23');
    expect(r.warnings).toEqual([]);
  });

  it('half hours and half days; warnings for > 36 hours and below the minimum wage', () => {
    const r = overtimePay({
      monthlyBase: yuan(2_000),
      workdayHoursTenths: 365,
      restDaysTenths: 5,
      holidayDaysTenths: 0,
      city: '440100',
    });
    expect(r.warnings).toEqual(['above-monthly-limit', 'below-minimum-wage']);
    expect(formatYuan(r.minimumWage ?? 0)).toBe('2500.00');
    expect(formatYuan(r.items[1]?.amount ?? 0)).toBe('91.95'); // 2000 × 2 × 0.5 ÷ 21.75 = 91.954…
  });

  it('the 13 statutory holidays of the 2024 revision', () => {
    expect(STATUTORY_HOLIDAY_DAYS).toBe(13);
    expect(Object.fromEntries(STATUTORY_HOLIDAYS.map((h) => [h.name, h.days]))).toEqual({
      元旦: 1,
      春节: 4,
      清明节: 1,
      劳动节: 2,
      端午节: 1,
      中秋节: 1,
      国庆节: 3,
    });
  });

  it('property: each item is within half a fen of the exact product; total is their sum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_AMOUNT_FEN }),
        fc.integer({ min: 0, max: 7440 }),
        fc.integer({ min: 0, max: 310 }),
        fc.integer({ min: 0, max: 130 }),
        (base, h, r, d) => {
          const out = overtimePay({
            monthlyBase: base,
            workdayHoursTenths: h,
            restDaysTenths: r,
            holidayDaysTenths: d,
          });
          const exact = [(base * 1.5 * h) / 10 / 174, (base * 2 * r) / 10 / 21.75, (base * 3 * d) / 10 / 21.75];
          out.items.forEach((item, i) => {
            expect(item.amount).toBeGreaterThanOrEqual(0);
            expect(Math.abs(item.amount - (exact[i] ?? 0))).toBeLessThanOrEqual(0.5 + 1e-6 * (exact[i] ?? 0));
          });
          expect(out.total).toBe(out.items.reduce((a, i) => a + i.amount, 0));
        },
      ),
    );
  });
});

describe('input parsing', () => {
  it('money: numbers and decimal strings to fen, with Chinese messages for absurd input', () => {
    expect(parseMoney('30000', '月工资')).toEqual({ ok: true, fen: 3_000_000 });
    expect(parseMoney(' 30,000.5 ', '月工资')).toEqual({ ok: true, fen: 3_000_050 });
    expect(parseMoney(0.1 + 0.2, '月工资')).toMatchObject({ ok: false, reason: 'too-many-decimals' });
    expect(parseMoney(-1, '月工资')).toMatchObject({ ok: false, message: '月工资不能为负数' });
    expect(parseMoney('abc', '月工资')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parseMoney('', '月工资')).toMatchObject({ ok: false, message: '请填写月工资' });
    expect(parseMoney(1e21, '月工资')).toMatchObject({ ok: false, reason: 'too-large' });
    expect(parseMoney('100000000.01', '月工资')).toMatchObject({ ok: false, message: '月工资不能超过100,000,000元' });
    expect(parseMoney('100000000', '月工资')).toMatchObject({ ok: true });
    expect(parseMoney(Number.NaN, '月工资')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parseMoney(true, '月工资')).toMatchObject({ ok: false, reason: 'not-a-number' });
  });

  it('property: every amount in fen survives formatting and parsing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseMoney(formatYuan(fen), 'x')).toEqual({ ok: true, fen });
      }),
    );
  });

  it('quantities: tenths, one decimal, a maximum', () => {
    expect(parseQuantity('1.5', '小时', 744, '小时')).toEqual({ ok: true, tenths: 15 });
    expect(parseQuantity(undefined, '小时', 744, '小时')).toEqual({ ok: true, tenths: 0 });
    expect(parseQuantity('1.25', '小时', 744, '小时')).toMatchObject({ ok: false });
    expect(parseQuantity(-2, '休息日加班天数', 31, '天')).toEqual({ ok: false, message: '休息日加班天数不能为负数' });
    expect(parseQuantity(14, '法定节假日加班天数', 13, '天')).toEqual({
      ok: false,
      message: '法定节假日加班天数不能超过13天',
    });
  });
});
