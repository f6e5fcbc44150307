/**
 * 银行卡号 as the centres take them for a withdrawal: 16–19 digits (spaces allowed while typing) passing the
 * Luhn check that UnionPay card numbers carry. Pure; the masked form keeps the bank's first six digits out and
 * shows the last four only (尾号 1234), as a bank's own notices do.
 */
export type BankCardCheck = { ok: true; number: string } | { ok: false; message: string };

export function parseBankCard(input: string): BankCardCheck {
  const number = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(number)) return { ok: false, message: '银行卡号只能包含数字' };
  if (number.length < 16 || number.length > 19) return { ok: false, message: '银行卡号应为16至19位数字' };
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  if (sum % 10 !== 0) return { ok: false, message: '银行卡号有误，请核对后重新输入' };
  return { ok: true, number };
}

/** ************1234: what pages, logs and the centre's answers show of a card. */
export function maskBankCard(number: string): string {
  return `${'*'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
}

/** A Luhn-valid card number from a prefix (tests and demo data). */
export function makeBankCard(prefix: string, length = 19): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${prefix.padEnd(length - 1, '0').slice(0, length - 1)}${d}`;
    if (parseBankCard(candidate).ok) return candidate;
  }
  throw new Error('unreachable');
}
