/**
 * Money as integer fen (分): every amount of the calculators is a safe integer number of fen, so sums are
 * exact; products with a rate are done in BigInt and rounded once, half up, to the fen (四舍五入到分), as the
 * tax authority's withholding software shows amounts (two decimals).
 */
export type Fen = number;

/** 100,000,000 yuan: the largest amount one field takes (a month's wage, one payment). */
export const MAX_AMOUNT_FEN: Fen = 100_000_000 * 100;
/** 1,200,000,000 yuan: the largest annual amount (twelve of the above). */
export const MAX_ANNUAL_FEN: Fen = MAX_AMOUNT_FEN * 12;

export const yuan = (y: number): Fen => Math.round(y * 100);

/** a × b ÷ c rounded half up (half away from zero) to an integer, exactly (BigInt). c > 0. */
export function mulDiv(a: number, b: number, c: number): number {
  return productDiv([a, b], c);
}

/** The product of the factors ÷ divisor, rounded half up (half away from zero), exactly (BigInt). */
export function productDiv(factors: readonly number[], divisor: number): number {
  if (!factors.every(Number.isSafeInteger) || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new RangeError(`productDiv needs safe integers and a positive divisor (got ${factors}, ${divisor})`);
  }
  const n = factors.reduce((acc, f) => acc * BigInt(f), BigInt(1));
  const d = BigInt(divisor);
  const negative = n < BigInt(0);
  const abs = negative ? -n : n;
  const q = (abs * BigInt(2) + d) / (d * BigInt(2));
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('mulDiv result out of range');
  return result;
}

/** fen → "1234.56" (a decimal string, exact; "-12.30" for negatives). */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const int = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${int}.${cents.toString().padStart(2, '0')}`;
}

/** fen → "1,234.56" for people. */
export function displayYuan(fen: Fen): string {
  const [int = '0', cents = '00'] = formatYuan(Math.abs(fen)).split('.');
  return `${fen < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export type MoneyParse = { ok: true; fen: Fen } | { ok: false; reason: MoneyErrorReason; message: string };
export type MoneyErrorReason = 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large';

/**
 * A money amount typed by a person or sent in JSON (a number or a decimal string) → fen, or the Chinese
 * sentence that says what is wrong. `label` names the field in the message (e.g. "月工资").
 */
export function parseMoney(input: unknown, label: string, max: Fen = MAX_AMOUNT_FEN): MoneyParse {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('not-a-number', `${label}必须是数字金额`);
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim().replace(/[,，\s]/g, '');
    if (text === '') return fail('empty', `请填写${label}`);
  } else if (input === undefined || input === null) {
    return fail('empty', `请填写${label}`);
  } else {
    return fail('not-a-number', `${label}必须是数字金额`);
  }
  if (/^[-－−]/.test(text)) {
    return /^[-－−]0*(\.0*)?$/.test(text) ? { ok: true, fen: 0 } : fail('negative', `${label}不能为负数`);
  }
  if (/^\+/.test(text)) text = text.slice(1);
  if (/e/i.test(text)) {
    // String(1e21) and friends: far beyond any limit, or a tiny fraction of a fen.
    const n = Number(text);
    if (Number.isFinite(n) && n >= 1) return fail('too-large', `${label}不能超过${displayYuanPlain(max)}元`);
    if (Number.isFinite(n) && n > 0) return fail('too-many-decimals', `${label}最多保留两位小数（精确到分）`);
  }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!m) return fail('not-a-number', `${label}必须是数字金额，例如 8000 或 8000.50`);
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return fail('too-many-decimals', `${label}最多保留两位小数（精确到分）`);
  if (intPart.length > 12) return fail('too-large', `${label}不能超过${displayYuanPlain(max)}元`);
  const fen = Number(intPart) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > max) return fail('too-large', `${label}不能超过${displayYuanPlain(max)}元`);
  return { ok: true, fen };
}

function fail(reason: MoneyErrorReason, message: string): MoneyParse {
  return { ok: false, reason, message };
}

/** 100000000 yuan → "100,000,000" (whole yuan) for messages. */
function displayYuanPlain(fen: Fen): string {
  return displayYuan(fen).replace(/\.00$/, '');
}
