import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatPeriod,
  isGasAccount,
  isSettling,
  orderLink,
  PAYMENT_POLL,
  pollDelay,
  secondsLeft,
  wasPaid,
  yuanToFen,
} from './payments';

describe('payments helpers', () => {
  it('checks a gas account number like the server (8–13 digits)', () => {
    expect(isGasAccount('12345678')).toBe(true);
    expect(isGasAccount(' 1234567890123 ')).toBe(true);
    expect(isGasAccount('1234567')).toBe(false);
    expect(isGasAccount('12345678901234')).toBe(false);
    expect(isGasAccount('1234567a')).toBe(false);
  });

  it('backs off, then keeps the last step', () => {
    const steps = PAYMENT_POLL.delaysMs;
    expect(pollDelay(0)).toBe(steps[0]);
    expect(pollDelay(1)).toBeGreaterThanOrEqual(pollDelay(0));
    expect(pollDelay(100)).toBe(steps[steps.length - 1]);
  });

  it('knows when the outcome is still open', () => {
    expect(isSettling({ status: 'pending', fulfilment: 'waiting' })).toBe(true);
    expect(isSettling({ status: 'paid', fulfilment: 'processing' })).toBe(true);
    expect(isSettling({ status: 'paid', fulfilment: 'done' })).toBe(false);
    expect(isSettling({ status: 'refunded', fulfilment: 'failed' })).toBe(false);
    expect(isSettling({ status: 'closed', fulfilment: 'waiting' })).toBe(false);
    expect(wasPaid({ status: 'refunded', paidAt: '2026-11-27T02:00:00.000Z' })).toBe(true);
    expect(wasPaid({ status: 'closed', paidAt: null })).toBe(false);
  });

  it('opens a payable order at the cashier, any other at its result', () => {
    expect(orderLink({ id: 'a/b', canPay: true })).toBe('/pay/a%2Fb');
    expect(orderLink({ id: 'x', canPay: false })).toBe('/pay/x/result');
  });

  it('counts down to the expiry', () => {
    const now = Date.parse('2026-11-27T02:00:00.000Z');
    expect(secondsLeft('2026-11-27T02:15:00.000Z', now)).toBe(900);
    expect(secondsLeft('2026-11-27T01:59:00.000Z', now)).toBe(0);
    expect(secondsLeft('nonsense', now)).toBe(0);
    expect(formatCountdown(900)).toBe('15:00');
    expect(formatCountdown(65)).toBe('01:05');
    expect(formatCountdown(0)).toBe('00:00');
  });

  it('formats a bill month and converts yuan to fen without float noise', () => {
    expect(formatPeriod('2026-10', 'zh-CN')).toBe('2026年10月');
    expect(formatPeriod('2026-10', 'en')).toBe('October 2026');
    expect(formatPeriod('oops', 'en')).toBe('oops');
    expect(yuanToFen(12.3)).toBe(1230);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(86.45)).toBe(8645);
  });
});
