import type { PaymentOrder, PaymentStatus } from '@yss/contracts';

/** 户号 of 广州燃气 as the server checks it (CreateUtilityPaymentInput): 8 to 13 digits. */
export const GAS_ACCOUNT_PATTERN = /^\d{8,13}$/;

export function isGasAccount(value: string): boolean {
  return GAS_ACCOUNT_PATTERN.test(value.trim());
}

/**
 * How the result page asks for the outcome: quickly at first (most payments are confirmed within seconds), then
 * less often, and not longer than `giveUpMs` before saying 支付结果确认中. An object (not constants) so that the
 * component tests can shorten the wait.
 */
export const PAYMENT_POLL = {
  delaysMs: [1000, 1500, 2000, 3000, 5000] as readonly number[],
  giveUpMs: 30_000,
};

/** The wait before poll number `attempt` (0-based): the schedule, then its last step again and again. */
export function pollDelay(attempt: number): number {
  const d = PAYMENT_POLL.delaysMs;
  return d[Math.min(Math.max(0, attempt), d.length - 1)] ?? 5000;
}

/** The outcome is not known yet: not paid (or not told so) yet, or paid and the department still working. */
export function isSettling(o: Pick<PaymentOrder, 'status' | 'fulfilment'>): boolean {
  return o.status === 'pending' || o.fulfilment === 'processing';
}

/** Money has moved: the order was paid (and maybe refunded since). */
export function wasPaid(o: Pick<PaymentOrder, 'status' | 'paidAt'>): boolean {
  return o.status === 'paid' || o.status === 'refunded' || o.status === 'partially_refunded' || o.paidAt !== null;
}

/** Where an order opens from 我的订单: the cashier while it can be paid, else its result. */
export function orderLink(o: Pick<PaymentOrder, 'id' | 'canPay'>): string {
  const id = encodeURIComponent(o.id);
  return o.canPay ? `/pay/${id}` : `/pay/${id}/result`;
}

export const PAYMENT_STATUS_COLOR: Record<PaymentStatus, 'primary' | 'success' | 'warning' | 'default'> = {
  pending: 'warning',
  paid: 'success',
  closed: 'default',
  refunded: 'primary',
  partially_refunded: 'primary',
};

/** Whole seconds until `expiresAt` (0 once passed, or when the time cannot be read). */
export function secondsLeft(expiresAt: string, now = Date.now()): number {
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, Math.ceil((end - now) / 1000));
}

/** 14:05 (minutes:seconds) of a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A bill's month: 2026年10月 / October 2026. */
export function formatPeriod(period: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return d.toLocaleDateString(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** Yuan with two decimals (the bills lookups) as integer fen (what payments take). */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
