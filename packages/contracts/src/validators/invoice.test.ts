import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVOICE_KIND_NAMES,
  type InvoiceKind,
  isValidInvoiceCode,
  makeDigitalInvoiceNumber,
  makeVatInvoiceCode,
  PROVINCE_NAMES,
  parseDigitalInvoiceNumber,
  parseInvoiceCheckCode,
  parseInvoiceCode,
  parseInvoiceNumber,
} from './invoice.js';

const NOW = new Date('2026-06-01T00:00:00Z');
// Every code below is built from the documented structure, not copied from a real invoice.

describe('parseInvoiceCode: 10 digits', () => {
  it.each([
    ['4400191130', 'vat-special', '4400', '广东', 2019],
    ['4403161260', 'vat-freight-special', '4403', '深圳', 2016],
    ['4400201360', 'vat-ordinary', '4400', '广东', 2020],
    ['1100991520', 'vat-special', '1100', '北京', 1999],
  ] as const)('decodes %s', (code, kind, regionCode, regionName, year) => {
    expect(parseInvoiceCode(code, { now: NOW })).toEqual({
      ok: true,
      code,
      kind,
      kindName: INVOICE_KIND_NAMES[kind],
      regionCode,
      regionName,
      year,
    });
  });
});

describe('parseInvoiceCode: 12 digits', () => {
  it.each([
    ['044031900111', 'vat-electronic-ordinary', '4403', 2019],
    ['044002100104', 'vat-ordinary', '4400', 2021],
    ['044002000106', 'vat-ordinary-roll', '4400', 2020],
    ['044001900112', 'toll-electronic-ordinary', '4400', 2019],
    ['044002000113', 'vat-electronic-special', '4400', 2020],
    ['144001721000', 'motor-vehicle-sales', '4400', 2017],
    ['244011800100', 'general', '4401', 2018],
  ] as const)('decodes %s', (code, kind, regionCode, year) => {
    expect(parseInvoiceCode(code, { now: NOW })).toMatchObject({
      ok: true,
      kind,
      kindName: INVOICE_KIND_NAMES[kind],
      regionCode,
      year,
    });
  });

  it('ignores spaces', () => {
    expect(parseInvoiceCode(' 0440 3190 0111 ', { now: NOW })).toMatchObject({ ok: true, code: '044031900111' });
  });
});

describe('parseInvoiceCode: refusals', () => {
  it.each([
    ['', 'format'],
    ['440019113', 'format'], // 9 digits
    ['44001911300', 'format'], // 11 digits
    ['4400A91130', 'format'],
    ['9900191130', 'region'],
    ['8100191130', 'region'], // Hong Kong issues no mainland invoices
    ['4401191130', 'region'], // VAT codes are province-level: 4400, or 4403 for Shenzhen
    ['044011900111', 'region'],
    ['099002100111', 'region'], // 99 is no province
    ['4400931130', 'year'], // 1993: before the VAT reform
    ['4400301130', 'year'], // "30" can only mean 1930 in 2026
    ['044009900111', 'year'], // 1999 for a 12-digit code
    ['4400191430', 'kind'], // 8th digit 4
    ['044031900199', 'kind'], // unknown VAT kind
    ['344031900111', 'kind'], // first digit 3
  ])('refuses %s (%s) with a Chinese message', (code, reason) => {
    const result = parseInvoiceCode(code, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('invoice numbers and check codes', () => {
  it('发票号码: 8 digits, not all zeros', () => {
    expect(parseInvoiceNumber('01234567')).toEqual({ ok: true, number: '01234567' });
    expect(parseInvoiceNumber('0123 4567')).toEqual({ ok: true, number: '01234567' });
    for (const bad of ['', '1234567', '123456789', '0000000A', '00000000']) {
      expect(parseInvoiceNumber(bad)).toEqual({ ok: false, reason: 'format', message: '发票号码应为8位数字' });
    }
  });

  it('校验码: the full 20 digits (in groups of five) or the last six', () => {
    expect(parseInvoiceCheckCode('12345 67890 12345 67890')).toEqual({ ok: true, last6: '567890' });
    expect(parseInvoiceCheckCode('567890')).toEqual({ ok: true, last6: '567890' });
    for (const bad of ['', '56789', '5678901', '1234567890123456789', 'A23456']) {
      expect(parseInvoiceCheckCode(bad)).toMatchObject({ ok: false, reason: 'format' });
    }
  });
});

describe('数电票 numbers', () => {
  it('decodes year, region, channel and sequence', () => {
    expect(parseDigitalInvoiceNumber('24442000000012345678', { now: NOW })).toEqual({
      ok: true,
      number: '24442000000012345678',
      year: 2024,
      regionCode: '44',
      regionName: '广东',
      channel: '2',
      sequence: '000000012345678',
    });
    // A region that is no province prefix (e.g. a separately-planned city's code) is kept, unnamed.
    const other = parseDigitalInvoiceNumber('25972000000000000001', { now: NOW });
    expect(other).toMatchObject({ ok: true, regionCode: '97' });
    expect(other.ok && other.regionName).toBeUndefined();
  });

  it.each([
    ['', 'format'],
    ['2444200000001234567', 'format'],
    ['244420000000123456789', 'format'],
    ['2444200000001234567A', 'format'],
    ['20442000000012345678', 'year'], // before the 2021 pilot
    ['27442000000012345678', 'year'], // next year
  ])('refuses %s (%s)', (number, reason) => {
    expect(parseDigitalInvoiceNumber(number, { now: NOW })).toMatchObject({ ok: false, reason });
  });

  it('makeDigitalInvoiceNumber builds what the parser reads', () => {
    expect(makeDigitalInvoiceNumber(2026, '44', 2, 12345678)).toBe('26442000000012345678');
    expect(() => makeDigitalInvoiceNumber(2020, '44', 2, 1)).toThrow();
    expect(() => makeDigitalInvoiceNumber(2026, '4', 2, 1)).toThrow();
    expect(() => makeDigitalInvoiceNumber(2026, '44', 2, 10 ** 15)).toThrow();
  });
});

describe('properties', () => {
  const vatKinds: InvoiceKind[] = [
    'vat-electronic-ordinary',
    'vat-ordinary',
    'vat-ordinary-roll',
    'toll-electronic-ordinary',
    'vat-electronic-special',
  ];
  const region = fc.oneof(
    fc.constantFrom(...Object.keys(PROVINCE_NAMES)).map((p) => `${p}00`),
    fc.constant('4403'),
  );

  it('made 12-digit VAT codes parse back to kind, region and year', () => {
    fc.assert(
      fc.property(
        region,
        fc.integer({ min: 2000, max: 2026 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...vatKinds),
        (regionCode, year, batch, kind) => {
          const code = makeVatInvoiceCode(regionCode, year, batch, kind);
          const parsed = parseInvoiceCode(code, { now: NOW });
          // 04/05 and 06/07 share a kind; the maker uses the first code of each.
          expect(parsed).toMatchObject({ ok: true, code, kind, regionCode, year });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('made 数电票 numbers parse back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2021, max: 2026 }),
        fc.constantFrom(...Object.keys(PROVINCE_NAMES)),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((n) => n % 10 ** 15),
        (year, regionCode, channel, sequence) => {
          const number = makeDigitalInvoiceNumber(year, regionCode, channel, sequence);
          expect(parseDigitalInvoiceNumber(number, { now: NOW })).toMatchObject({
            ok: true,
            year,
            regionCode,
            regionName: PROVINCE_NAMES[regionCode],
            channel: String(channel),
            sequence: String(sequence).padStart(15, '0'),
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any string of digits that is not 10 or 12 long is never an invoice code', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 30 }), (code) => {
        fc.pre(code.length !== 10 && code.length !== 12);
        expect(isValidInvoiceCode(code, { now: NOW })).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
