import { randomInt } from 'node:crypto';
import { referenceNumber } from '../shared/index.js';

/** yyyymmdd of an instant in China time (UTC+8, no daylight saving). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** 2026-11-27 14:05 (China time), as messages and pages show a time. */
export function chinaMinute(at: Date): string {
  const s = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

const randomDigits = (n: number) => String(randomInt(0, 10 ** n)).padStart(n, '0');

/** 支付订单号: P + the counter reference-number scheme (day in China time, city code, 6 random digits). */
export function newOrderNumber(cityCode: string, now: Date): string {
  return `P${referenceNumber(cityCode, now)}`;
}

/** 退款单号: R + the day (China time) + 12 random digits. */
export function newRefundNumber(now: Date): string {
  return `R${chinaDay(now)}${randomDigits(6)}${randomDigits(6)}`;
}
