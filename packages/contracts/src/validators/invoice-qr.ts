import { parseDigitalInvoiceNumber, parseInvoiceCode, parseInvoiceNumber } from './invoice.js';

/**
 * The QR code printed on Chinese VAT invoices (发票二维码), read by 票据助手 → 发票查询 (扫一扫, FEATURES.md F5).
 *
 * Invoice QR (增值税发票 and 数电票), comma-separated, as printed by the tax control systems:
 *
 *   01,<type>,<code>,<number>,<amount>,<date YYYYMMDD>,<check code>,<digest>[,]
 *
 *   - 01: version of the layout (the only one in use).
 *   - type (2 digits): 01 增值税专用发票, 02 货物运输业增值税专用发票, 03 机动车销售统一发票, 04 增值税普通发票,
 *     08 增值税电子专用发票, 10 增值税电子普通发票, 11 增值税普通发票（卷式）, 14 增值税电子普通发票（通行费）,
 *     15 二手车销售统一发票; 数电票: 31 电子发票（增值税专用发票）, 32 电子发票（普通发票）.
 *   - code: 10 or 12 digits; empty for a 数电票 (its number is 20 digits and has no code).
 *   - number: 8 digits (20 for a 数电票).
 *   - amount: yuan with up to two decimals. For coded invoices it is 金额（不含税）, what verification asks for
 *     special invoices. For 数电票 we read it as 价税合计 — the figure the verification platform asks for a 数电票 and
 *     what open-source invoice tools compare it with; the tax administration does not publish the layout, so this
 *     reading is an assumption (docs/lookups/tax-and-invoices.md). A leading minus marks a 红字 (negative) invoice.
 *   - check code: the 20-digit 校验码 of ordinary invoices; empty for special invoices and 数电票.
 *   - digest: a short hex/alphanumeric digest (4 characters on the invoices we could consult); not checkable offline.
 *
 * 数电票 delivery links (the QR of the e-mail/SMS that delivers a 数电票 also points to the provincial platform):
 *
 *   https://dppt.<province>.chinatax.gov.cn:8443/v/2_<20-digit number>_<YYYYMMDDhhmmss…>
 *
 *   They carry the number and the issue time only: the parser returns them with `amount: null`, and the page asks for
 *   the 价税合计 (an incomplete reading, not an error).
 *
 * Anything else (a URL of another site, a product barcode, garbage) is refused with a Chinese message.
 */

export const INVOICE_QR_TYPES: Readonly<Record<string, string>> = {
  '01': '增值税专用发票',
  '02': '货物运输业增值税专用发票',
  '03': '机动车销售统一发票',
  '04': '增值税普通发票',
  '08': '增值税电子专用发票',
  '10': '增值税电子普通发票',
  '11': '增值税普通发票（卷式）',
  '14': '增值税电子普通发票（通行费）',
  '15': '二手车销售统一发票',
  '31': '电子发票（增值税专用发票）',
  '32': '电子发票（普通发票）',
};

/** The 数电票 types: no code, 20-digit number. */
const DIGITAL_TYPES: ReadonlySet<string> = new Set(['31', '32']);

export type InvoiceQrFailure = 'empty' | 'not-invoice' | 'version' | 'type' | 'code' | 'number' | 'amount' | 'date';

export const INVOICE_QR_MESSAGES = {
  empty: '未识别到二维码内容，请对准发票左上角的二维码重新扫描',
  'not-invoice': '该二维码不是发票二维码，请扫描发票左上角的二维码',
  version: '无法识别该发票二维码的版本，请手动输入发票信息',
  type: '无法识别二维码中的发票种类，请手动输入发票信息',
  code: '二维码中的发票代码有误，请手动输入发票信息',
  number: '二维码中的发票号码有误，请手动输入发票信息',
  amount: '二维码中的金额有误，请手动输入发票信息',
  date: '二维码中的开票日期有误，请手动输入发票信息',
} as const satisfies Record<InvoiceQrFailure, string>;

export interface ParsedInvoiceQr {
  ok: true;
  /** Where the fields came from: the invoice's own QR, or a 数电票 delivery link. */
  source: 'invoice' | 'delivery-link';
  /** Two-digit type of the QR (null for a delivery link). */
  typeCode: string | null;
  /** Chinese name of the kind, e.g. 增值税电子普通发票. */
  typeName: string;
  /** True for a 数电票 (no code; 20-digit number; verified by 价税合计). */
  digital: boolean;
  code: string | null;
  number: string;
  /** As printed (e.g. "200.00", "-35.5"); null when the QR does not carry it (delivery link). */
  amount: string | null;
  /** True when the amount is negative (a 红字 invoice). */
  negative: boolean;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** The 20-digit 校验码, or null. */
  checkCode: string | null;
}

export type InvoiceQrResult = ParsedInvoiceQr | { ok: false; reason: InvoiceQrFailure; message: string };

const fail = (reason: InvoiceQrFailure): InvoiceQrResult => ({
  ok: false,
  reason,
  message: INVOICE_QR_MESSAGES[reason],
});

/** YYYYMMDD → YYYY-MM-DD when it is a real calendar date from 1994 (the VAT reform) on, else null. */
function compactDate(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (y < 1994 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

const DELIVERY_LINK = /^https:\/\/dppt\.[a-z]+\.chinatax\.gov\.cn(?::\d+)?\/v\/2_(\d{20})_(\d{8})\w*$/i;

/**
 * Parse the text of an invoice's QR code. Pure and browser-safe: the citizen app parses a scan to fill the form,
 * the server parses `qr` sent to POST /api/v1/lookups/invoices/verify. Never throws.
 */
export function parseInvoiceQr(input: unknown, options: { now?: Date } = {}): InvoiceQrResult {
  if (typeof input !== 'string') return fail('empty');
  // A BOM, surrounding whitespace and full-width commas (some scanner apps) are tolerated.
  const text = input
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/，/g, ',');
  if (text === '') return fail('empty');
  if (text.length > 512) return fail('not-invoice');

  const link = DELIVERY_LINK.exec(text);
  if (link) {
    const number = parseDigitalInvoiceNumber(link[1] as string, options);
    const issuedOn = compactDate(link[2] as string);
    if (!number.ok) return fail('number');
    if (!issuedOn) return fail('date');
    return {
      ok: true,
      source: 'delivery-link',
      typeCode: null,
      typeName: '电子发票',
      digital: true,
      code: null,
      number: number.number,
      amount: null,
      negative: false,
      issuedOn,
      checkCode: null,
    };
  }

  const fields = text.split(',').map((f) => f.trim());
  // 7 fields (no digest), 8, or 9 with the trailing comma's empty field.
  if (fields.length === 9 && fields[8] === '') fields.pop();
  if (fields.length < 7 || fields.length > 8 || !/^\d{2}$/.test(fields[0] as string)) return fail('not-invoice');
  const [version, type, code, number, amount, date, checkCode, digest = ''] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (version !== '01') return fail('version');
  if (!/^\d{2}$/.test(type) || !INVOICE_QR_TYPES[type]) return fail('type');
  if (!/^[0-9A-Za-z]{0,16}$/.test(digest)) return fail('not-invoice');

  const digital = DIGITAL_TYPES.has(type);
  let parsedNumber: string;
  if (digital) {
    if (code !== '') return fail('code');
    const n = parseDigitalInvoiceNumber(number, options);
    if (!n.ok) return fail('number');
    parsedNumber = n.number;
  } else {
    const c = parseInvoiceCode(code, options);
    if (!c.ok) return fail('code');
    const n = parseInvoiceNumber(number);
    if (!n.ok) return fail('number');
    parsedNumber = n.number;
  }
  if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(amount)) return fail('amount');
  const issuedOn = compactDate(date);
  if (!issuedOn) return fail('date');
  // The check code is 20 digits when present; some printers leave it out (special invoices never have one).
  if (checkCode !== '' && !/^\d{20}$/.test(checkCode)) return fail('not-invoice');

  return {
    ok: true,
    source: 'invoice',
    typeCode: type,
    typeName: INVOICE_QR_TYPES[type] as string,
    digital,
    code: digital ? null : code,
    number: parsedNumber,
    amount,
    negative: amount.startsWith('-'),
    issuedOn,
    checkCode: checkCode === '' ? null : checkCode,
  };
}

/**
 * Build the QR text of an invoice (tests, the demo's printable samples): the inverse of parseInvoiceQr for the
 * invoice form. `digest` defaults to four hex digits derived from the other fields (not the tax system's).
 */
export function makeInvoiceQr(f: {
  typeCode: string;
  code: string | null;
  number: string;
  amount: string;
  issuedOn: string;
  checkCode?: string | null;
  digest?: string;
}): string {
  const body = ['01', f.typeCode, f.code ?? '', f.number, f.amount, f.issuedOn.replace(/-/g, ''), f.checkCode ?? ''];
  let h = 0;
  for (const ch of body.join(',')) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 65_536;
  const digest = f.digest ?? h.toString(16).toUpperCase().padStart(4, '0');
  return `${body.join(',')},${digest},`;
}

/** The QR type code of a coded invoice kind (parseInvoiceCode's), for makeInvoiceQr. */
export const QR_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  'vat-special': '01',
  'vat-freight-special': '02',
  'motor-vehicle-sales': '03',
  'vat-ordinary': '04',
  'vat-electronic-special': '08',
  'vat-electronic-ordinary': '10',
  'vat-ordinary-roll': '11',
  'toll-electronic-ordinary': '14',
};
