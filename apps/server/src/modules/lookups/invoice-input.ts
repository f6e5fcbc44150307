import {
  type ErrorCode,
  INVOICE_KIND_NAMES,
  parseDigitalInvoiceNumber,
  parseInvoiceCheckCode,
  parseInvoiceCode,
  parseInvoiceNumber,
  parseInvoiceQr,
} from '@yss/contracts';
import { VERIFIED_BY_AMOUNT } from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';

/** What a person typed (or scanned) into 发票查询. Every field is optional here: the checks below name what is missing. */
export interface InvoiceVerifyRequest {
  qr?: string | undefined;
  code?: string | undefined;
  number?: string | undefined;
  issuedOn?: string | undefined;
  amount?: string | number | undefined;
  checkCode?: string | undefined;
}

/** A checked request, as the tax department's verifyInvoice takes it, and what the page shows of it. */
export interface CheckedInvoiceQuery {
  code: string | null;
  number: string;
  issuedOn: string;
  /** Yuan (from integer fen): 开具金额（不含税） or 价税合计, when that is what this kind is verified by. */
  amount?: number;
  /** The last six digits of the 校验码, for ordinary invoices. */
  checkCode?: string;
  kindName: string;
  /** What the kind is verified by, as the national platform asks: 开具金额（不含税）, 价税合计, or 校验码后6位. */
  by: 'amount' | 'total' | 'checkCode';
  fromQr: boolean;
}

const missing = (path: string, message: string) => new AppError('INVOICE_FIELD_MISSING', message, [{ path, message }]);
const invalid = (code: ErrorCode, path: string, message: string) => new AppError(code, message, [{ path, message }]);

const squash = (s: string | undefined) => (s ?? '').replace(/\s/gu, '');

/** Today in China (UTC+8), YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD (or YYYYMMDD): a real date, not after today (China time). */
export function checkedIssueDate(input: string | undefined, now = new Date()): string {
  const text = squash(input);
  if (text === '') throw missing('issuedOn', '请选择开票日期');
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) throw invalid('INVOICE_DATE_INVALID', 'issuedOn', '开票日期格式应为YYYY-MM-DD，如2024-11-20');
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const iso = `${y}-${mo}-${d}`;
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso || Number(y) < 1994) {
    throw invalid('INVOICE_DATE_INVALID', 'issuedOn', '开票日期不存在，请核对后重新输入');
  }
  if (iso > chinaToday(now))
    throw invalid('INVOICE_DATE_IN_FUTURE', 'issuedOn', '开票日期不能晚于今天，请核对后重新输入');
  return iso;
}

/**
 * An amount in yuan as typed ("5000", "5,000.00", "¥188.68") or sent as a JSON number: positive, at most two
 * decimals, below 10^12 yuan. Returns integer fen.
 */
export function checkedAmountFen(input: string | number | undefined, label: string): number {
  const path = 'amount';
  if (input === undefined || (typeof input === 'string' && input.trim() === '')) throw missing(path, `请输入${label}`);
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}应为数字，如5000.00`);
    text = String(input);
  } else {
    text = input.replace(/[\s,，¥￥]/gu, '');
  }
  if (/^-\d/.test(text)) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}不能为负数`);
  if (!/^\d+(\.\d+)?$/.test(text)) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}应为数字，如5000.00`);
  const [whole, decimals = ''] = text.split('.') as [string, string?];
  if (decimals.length > 2) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}最多保留两位小数`);
  if (whole.replace(/^0+/, '').length > 12) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}超出了可查验的范围`);
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen <= 0) throw invalid('INVOICE_AMOUNT_INVALID', path, `${label}应大于0`);
  return fen;
}

/**
 * Check a 发票查询 request the way the national verification platform (全国增值税发票查验平台) asks for it: the code
 * decides the kind, and the kind decides whether the 开具金额（不含税）, the 价税合计 (数电票) or the last six digits of the
 * 校验码 are needed. A scanned QR (`qr`) supplies every field; a 数电票 delivery link lacks the total, which may be
 * typed beside it. Bad input fails with a specific code and a Chinese message naming the field; nothing reaches the
 * department.
 */
export function checkInvoiceRequest(req: InvoiceVerifyRequest, now = new Date()): CheckedInvoiceQuery {
  let fields: InvoiceVerifyRequest = req;
  const fromQr = typeof req.qr === 'string' && req.qr.trim() !== '';
  if (fromQr) {
    const qr = parseInvoiceQr(req.qr, { now });
    if (!qr.ok) throw invalid('INVOICE_QR_UNPARSEABLE', 'qr', qr.message);
    if (qr.negative) {
      throw invalid('INVOICE_AMOUNT_INVALID', 'qr', '该二维码属于红字（负数）发票，请按原蓝字发票的信息查验');
    }
    fields = {
      code: qr.code ?? undefined,
      number: qr.number,
      issuedOn: qr.issuedOn,
      amount: qr.amount ?? req.amount,
      checkCode: qr.checkCode ?? undefined,
    };
  }

  const code = squash(fields.code);
  const number = squash(fields.number);
  if (code === '') {
    // No code: a 数电票, whose 20-digit number stands alone — unless the number is an 8-digit one that needs a code.
    if (number === '') throw missing('number', '请输入发票号码');
    if (/^\d{8}$/.test(number)) throw missing('code', '请输入发票代码');
    const digital = parseDigitalInvoiceNumber(number, { now });
    if (!digital.ok) throw invalid('INVOICE_NUMBER_INVALID', 'number', digital.message);
    const issuedOn = checkedIssueDate(fields.issuedOn, now);
    const amount = checkedAmountFen(fields.amount, '价税合计金额') / 100;
    return {
      code: null,
      number: digital.number,
      issuedOn,
      amount,
      kindName: '电子发票（数电票）',
      by: 'total',
      fromQr,
    };
  }

  const parsedCode = parseInvoiceCode(code, { now });
  if (!parsedCode.ok) throw invalid('INVOICE_CODE_INVALID', 'code', parsedCode.message);
  if (number === '') throw missing('number', '请输入发票号码');
  const parsedNumber = parseInvoiceNumber(number);
  if (!parsedNumber.ok) throw invalid('INVOICE_NUMBER_INVALID', 'number', parsedNumber.message);
  const issuedOn = checkedIssueDate(fields.issuedOn, now);
  const base = {
    code: parsedCode.code,
    number: parsedNumber.number,
    issuedOn,
    kindName: INVOICE_KIND_NAMES[parsedCode.kind],
    fromQr,
  };
  if (VERIFIED_BY_AMOUNT.has(parsedCode.kind)) {
    return { ...base, amount: checkedAmountFen(fields.amount, '开具金额（不含税）') / 100, by: 'amount' };
  }
  const check = squash(fields.checkCode);
  if (check === '') throw missing('checkCode', '请输入校验码后6位');
  const parsedCheck = parseInvoiceCheckCode(check);
  if (!parsedCheck.ok) throw invalid('INVOICE_CHECK_CODE_INVALID', 'checkCode', parsedCheck.message);
  return { ...base, checkCode: parsedCheck.last6, by: 'checkCode' };
}

/** 丢失被盗发票查询: the code and number, checked with specific codes. */
export function checkLostInvoiceRequest(
  q: { code?: string | undefined; number?: string | undefined },
  now = new Date(),
) {
  const code = squash(q.code);
  const number = squash(q.number);
  if (code === '') throw missing('code', '请输入发票代码');
  const parsedCode = parseInvoiceCode(code, { now });
  if (!parsedCode.ok) throw invalid('INVOICE_CODE_INVALID', 'code', parsedCode.message);
  if (number === '') throw missing('number', '请输入发票号码');
  const parsedNumber = parseInvoiceNumber(number);
  if (!parsedNumber.ok) throw invalid('INVOICE_NUMBER_INVALID', 'number', parsedNumber.message);
  return { code: parsedCode.code, number: parsedNumber.number, kindName: INVOICE_KIND_NAMES[parsedCode.kind] };
}
