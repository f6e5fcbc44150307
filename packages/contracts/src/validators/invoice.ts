/**
 * Invoice identifiers (发票), as typed into invoice verification (发票查验) and the lost-invoice check (FEATURES.md
 * F5). What is implemented, and what is only an assumption:
 *
 * 发票代码, 10 digits (增值税专用发票 / 增值税普通发票, paper, issued through the VAT control system):
 *
 *   RRRR YY B K NN     region (4) · year of the print design (2) · batch · kind · two more digits (the
 *                      number of copies and the amount version, as commonly described; not checked)
 *
 *   - RRRR: tax region — a province-level code (4400 广东) or a separately-planned city (4403 深圳, 2102 大连,
 *     3302 宁波, 3502 厦门, 3702 青岛). Validated: one of those (a mainland province's XX00, or the five cities).
 *   - YY: validated to be a plausible year (1994, the VAT reform, to this year).
 *   - K (8th digit) decides the kind, as the national verification platform (全国增值税发票查验平台) reads it:
 *     1 or 5 增值税专用发票, 3 or 6 增值税普通发票, 2 or 7 货物运输业增值税专用发票; other digits are refused.
 *
 * 发票代码, 12 digits:
 *
 *   T RRRR YY BBB KK       VAT invoices designed by the State Taxation Administration (T = 0):
 *                          KK = 11 增值税电子普通发票, 04/05 增值税普通发票 (二联/五联), 06/07 增值税普通发票（卷式）,
 *                          12 通行费电子普通发票, 13 增值税电子专用发票
 *   T RRRR YY K ....       other (general, machine-printed or local) invoices, T = 1 (former 国税) or 2 (former 地税);
 *                          8th digit 2 = 机动车销售统一发票 (as the verification platform reads it)
 *
 *   Validated: T is 0, 1 or 2; RRRR is province-level (as for 10 digits) when T = 0, any region of a mainland
 *   province otherwise (prefecture-level tax bureaus); YY is a plausible year (2000 on). A 0-code with an unknown
 *   KK is refused; other 1/2-codes are reported as 'general'.
 *
 * 发票号码: 8 digits (not all zeros). It has no check digit.
 *
 * 数电票 (全面数字化的电子发票, formerly 全电发票) number, 20 digits (State Taxation Administration description):
 *
 *   YY RR C SSSSSSSSSSSSSSS   year (2) · province-level region of the issuing tax bureau, incl. separately-planned
 *                             cities (2) · issuing channel (1) · sequence (15)
 *
 *   Validated: 20 digits, YY from 21 (the 2021 pilot) to this year. RR is returned; it is named when it is a
 *   province prefix (44 广东). The two-digit codes of the separately-planned cities are not published in what we
 *   could consult, so an unknown RR is accepted (open question).
 *
 * 校验码: the 20-digit check code printed on VAT ordinary and electronic invoices; verification asks for its last
 * six digits. Both forms are accepted. It is a digest computed by the tax system; no one can check it offline.
 */
/** Mainland provinces by the first two digits of their GB/T 2260 code. */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
};

/** Separately-planned cities (计划单列市) with their own tax bureau and invoice region. */
const SEPARATELY_PLANNED: Readonly<Record<string, string>> = {
  '2102': '大连',
  '3302': '宁波',
  '3502': '厦门',
  '3702': '青岛',
  '4403': '深圳',
};

export type InvoiceKind =
  | 'vat-special'
  | 'vat-freight-special'
  | 'vat-ordinary'
  | 'vat-ordinary-roll'
  | 'vat-electronic-ordinary'
  | 'vat-electronic-special'
  | 'toll-electronic-ordinary'
  | 'motor-vehicle-sales'
  | 'general';

export const INVOICE_KIND_NAMES: Readonly<Record<InvoiceKind, string>> = {
  'vat-special': '增值税专用发票',
  'vat-freight-special': '货物运输业增值税专用发票',
  'vat-ordinary': '增值税普通发票',
  'vat-ordinary-roll': '增值税普通发票（卷式）',
  'vat-electronic-ordinary': '增值税电子普通发票',
  'vat-electronic-special': '增值税电子专用发票',
  'toll-electronic-ordinary': '通行费电子普通发票',
  'motor-vehicle-sales': '机动车销售统一发票',
  general: '其他发票',
};

const TEN_DIGIT_KINDS: Readonly<Record<string, InvoiceKind>> = {
  '1': 'vat-special',
  '5': 'vat-special',
  '3': 'vat-ordinary',
  '6': 'vat-ordinary',
  '2': 'vat-freight-special',
  '7': 'vat-freight-special',
};

const VAT_12_DIGIT_KINDS: Readonly<Record<string, InvoiceKind>> = {
  '11': 'vat-electronic-ordinary',
  '04': 'vat-ordinary',
  '05': 'vat-ordinary',
  '06': 'vat-ordinary-roll',
  '07': 'vat-ordinary-roll',
  '12': 'toll-electronic-ordinary',
  '13': 'vat-electronic-special',
};

export type InvoiceFailure = 'format' | 'region' | 'year' | 'kind';

export const INVOICE_MESSAGES = {
  format: '发票代码应为10位或12位数字',
  region: '发票代码中的地区代码不正确',
  year: '发票代码中的年份不正确',
  kind: '无法识别的发票代码，请核对后重新输入',
} as const satisfies Record<InvoiceFailure, string>;

export type ParsedInvoiceCode =
  | {
      ok: true;
      code: string;
      kind: InvoiceKind;
      /** Chinese name of the kind, e.g. 增值税电子普通发票. */
      kindName: string;
      /** Four-digit tax region, e.g. 4400 (广东) or 4403 (深圳). */
      regionCode: string;
      /** Province, or separately-planned city, of the region. */
      regionName: string;
      /** Four-digit year of the invoice design (print) batch. */
      year: number;
    }
  | { ok: false; reason: InvoiceFailure; message: string };

export interface InvoiceOptions {
  /** "Now", for the plausible-year rule (tests, generators); default: now. */
  now?: Date;
}

/** China's current year (UTC+8). */
function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** A two-digit year as the most recent year not after `current`. */
function fullYear(yy: string, current: number): number {
  const y = 2000 + Number(yy);
  return y <= current ? y : y - 100;
}

function regionName(region4: string): string | undefined {
  if (!MAINLAND.has(region4.slice(0, 2))) return undefined;
  return SEPARATELY_PLANNED[region4] ?? PROVINCE_NAMES[region4.slice(0, 2)];
}

const MAINLAND: ReadonlySet<string> = new Set(Object.keys(PROVINCE_NAMES));

/** Validate and decode a 10- or 12-digit invoice code (发票代码). Spaces are ignored. */
export function parseInvoiceCode(input: string, options: InvoiceOptions = {}): ParsedInvoiceCode {
  const code = typeof input === 'string' ? input.replace(/\s/gu, '') : '';
  if (!/^(\d{10}|\d{12})$/.test(code)) return fail('format');
  const current = chinaYear(options.now ?? new Date());
  const ten = code.length === 10;
  const regionCode = ten ? code.slice(0, 4) : code.slice(1, 5);
  if (!ten && !['0', '1', '2'].includes(code[0] as string)) return fail('kind');
  // VAT invoices (10 digits, and 12 digits beginning with 0) are coded by province-level tax bureaus and the
  // separately-planned cities; other invoices by prefecture-level ones (any region of a mainland province).
  const provinceLevel = ten || code[0] === '0';
  const name = regionName(regionCode);
  if (!name || (provinceLevel && !regionCode.endsWith('00') && !SEPARATELY_PLANNED[regionCode])) return fail('region');
  const year = fullYear(ten ? code.slice(4, 6) : code.slice(5, 7), current);
  if (year < (ten ? 1994 : 2000)) return fail('year');

  let kind: InvoiceKind | undefined;
  if (ten) kind = TEN_DIGIT_KINDS[code[7] as string];
  else if (code[0] === '0') kind = VAT_12_DIGIT_KINDS[code.slice(10, 12)];
  else kind = code[7] === '2' ? 'motor-vehicle-sales' : 'general';
  if (!kind) return fail('kind');
  return { ok: true, code, kind, kindName: INVOICE_KIND_NAMES[kind], regionCode, regionName: name, year };
}

export function isValidInvoiceCode(code: string, options?: InvoiceOptions): boolean {
  return parseInvoiceCode(code, options).ok;
}

function fail(reason: InvoiceFailure): ParsedInvoiceCode {
  return { ok: false, reason, message: INVOICE_MESSAGES[reason] };
}

/** Build a valid 12-digit VAT invoice code (generators, tests): region (4), year (4 digits), batch (0–999), kind. */
export function makeVatInvoiceCode(regionCode: string, year: number, batch: number, kind: InvoiceKind): string {
  const kk = Object.entries(VAT_12_DIGIT_KINDS).find(([, k]) => k === kind)?.[0];
  if (!kk) throw new Error(`makeVatInvoiceCode: ${kind} has no 12-digit VAT code`);
  if (
    !/^\d{4}$/.test(regionCode) ||
    !regionName(regionCode) ||
    !(regionCode.endsWith('00') || SEPARATELY_PLANNED[regionCode])
  ) {
    throw new Error(`makeVatInvoiceCode: ${regionCode} is not a province-level tax region`);
  }
  if (!Number.isInteger(batch) || batch < 0 || batch > 999) throw new Error('makeVatInvoiceCode: batch is 0–999');
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new Error('makeVatInvoiceCode: year is 2000–2099');
  return `0${regionCode}${String(year % 100).padStart(2, '0')}${String(batch).padStart(3, '0')}${kk}`;
}

// ---------------------------------------------------------------------------------------------------------
// 发票号码 (8 digits)
// ---------------------------------------------------------------------------------------------------------

export type InvoiceNumberResult = { ok: true; number: string } | { ok: false; reason: 'format'; message: string };

export const INVOICE_NUMBER_MESSAGE = '发票号码应为8位数字';

export function parseInvoiceNumber(input: string): InvoiceNumberResult {
  const number = typeof input === 'string' ? input.replace(/\s/gu, '') : '';
  if (!/^\d{8}$/.test(number) || number === '00000000') {
    return { ok: false, reason: 'format', message: INVOICE_NUMBER_MESSAGE };
  }
  return { ok: true, number };
}

// ---------------------------------------------------------------------------------------------------------
// 数电票 number (20 digits)
// ---------------------------------------------------------------------------------------------------------

export type DigitalInvoiceFailure = 'format' | 'year';

export const DIGITAL_INVOICE_MESSAGES = {
  format: '数电发票号码应为20位数字',
  year: '数电发票号码中的年份不正确',
} as const satisfies Record<DigitalInvoiceFailure, string>;

export type ParsedDigitalInvoiceNumber =
  | {
      ok: true;
      number: string;
      /** Four-digit year of issue. */
      year: number;
      /** Two-digit region of the issuing tax bureau, e.g. 44. */
      regionCode: string;
      /** The province when the region is a province prefix (44 → 广东); undefined otherwise. */
      regionName?: string;
      /** The issuing-channel digit (5th). */
      channel: string;
      /** The 15-digit sequence. */
      sequence: string;
    }
  | { ok: false; reason: DigitalInvoiceFailure; message: string };

/** Validate and decode a 数电票 (fully digitalised e-invoice) number. Spaces are ignored. */
export function parseDigitalInvoiceNumber(input: string, options: InvoiceOptions = {}): ParsedDigitalInvoiceNumber {
  const number = typeof input === 'string' ? input.replace(/\s/gu, '') : '';
  if (!/^\d{20}$/.test(number)) return { ok: false, reason: 'format', message: DIGITAL_INVOICE_MESSAGES.format };
  const year = 2000 + Number(number.slice(0, 2));
  if (year < 2021 || year > chinaYear(options.now ?? new Date())) {
    return { ok: false, reason: 'year', message: DIGITAL_INVOICE_MESSAGES.year };
  }
  const regionCode = number.slice(2, 4);
  const result: ParsedDigitalInvoiceNumber = {
    ok: true,
    number,
    year,
    regionCode,
    channel: number.slice(4, 5),
    sequence: number.slice(5),
  };
  const province = PROVINCE_NAMES[regionCode];
  if (province) result.regionName = province;
  return result;
}

/** Build a 数电票 number (generators, tests): year (2021–2099), 2-digit region, channel digit, sequence ≥ 0. */
export function makeDigitalInvoiceNumber(year: number, regionCode: string, channel: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2021 || year > 2099) throw new Error('makeDigitalInvoiceNumber: year');
  if (!/^\d{2}$/.test(regionCode)) throw new Error('makeDigitalInvoiceNumber: region must be 2 digits');
  if (!Number.isInteger(channel) || channel < 0 || channel > 9) throw new Error('makeDigitalInvoiceNumber: channel');
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new Error('makeDigitalInvoiceNumber: sequence');
  const seq = String(sequence).padStart(15, '0');
  if (seq.length > 15) throw new Error('makeDigitalInvoiceNumber: sequence has more than 15 digits');
  return `${year % 100}${regionCode}${channel}${seq}`;
}

// ---------------------------------------------------------------------------------------------------------
// 校验码
// ---------------------------------------------------------------------------------------------------------

export type InvoiceCheckCodeResult =
  | { ok: true /** The last six digits, which verification asks for. */; last6: string }
  | { ok: false; reason: 'format'; message: string };

export const INVOICE_CHECK_CODE_MESSAGE = '请输入20位校验码或其后6位';

/** Accept the full 20-digit check code (printed in groups of five) or its last six digits. */
export function parseInvoiceCheckCode(input: string): InvoiceCheckCodeResult {
  const code = typeof input === 'string' ? input.replace(/\s/gu, '') : '';
  if (!/^(\d{6}|\d{20})$/.test(code)) return { ok: false, reason: 'format', message: INVOICE_CHECK_CODE_MESSAGE };
  return { ok: true, last6: code.slice(-6) };
}
