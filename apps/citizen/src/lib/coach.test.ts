import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaToday,
  duplicateIds,
  formatCountdown,
  idNumberProblem,
  passengerErrorPlace,
  saleDates,
  saleState,
  searchFromParams,
  sortOrders,
} from './coach';

describe('长途车 helpers', () => {
  it('counts the sale days in China time: today and the next nine', () => {
    // 2026-11-27 23:30 in Beijing is still the 27th there, although the 27th ended nowhere yet in UTC terms
    const now = Date.parse('2026-11-27T15:30:00.000Z');
    expect(chinaToday(now)).toBe('2026-11-27');
    expect(chinaToday(Date.parse('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    const dates = saleDates(now);
    expect(dates).toHaveLength(10);
    expect(dates[0]).toBe('2026-11-27');
    expect(dates[9]).toBe('2026-12-06');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('reads the search from the URL, with today for a date outside the sale window', () => {
    const q = searchFromParams(new URLSearchParams('to=440300&date=1999-01-01'), '440100');
    expect(q).toEqual({ from: '440100', to: '440300', date: chinaToday() });
  });

  it('places a server error at a passenger field', () => {
    expect(passengerErrorPlace('passengers.1.idNumber')).toEqual({ index: 1, field: 'idNumber' });
    expect(passengerErrorPlace('/passengers/0/name')).toEqual({ index: 0, field: 'name' });
    expect(passengerErrorPlace('body.passengers[2].idNumber')).toEqual({ index: 2, field: 'idNumber' });
    expect(passengerErrorPlace('passengers')).toBeNull();
    expect(passengerErrorPlace('departureId')).toBeNull();
  });

  it('says why an ID number is refused, and finds a passenger twice', () => {
    expect(idNumberProblem('')).toBe('required');
    expect(idNumberProblem('12345')).toBe('format');
    expect(idNumberProblem('44010619900307123X')).not.toBe('format');
    const p = (idNumber: string) => ({ key: idNumber, name: 'x', idNumber });
    expect([...duplicateIds([p('a1'), p('b'), p('A1 '), p('')])]).toEqual([2]);
  });

  it('words the sale state, the count-down and the order', () => {
    expect(saleState({ onSale: true, seatsLeft: 3 })).toBe('on-sale');
    expect(saleState({ onSale: false, seatsLeft: 0 })).toBe('sold-out');
    expect(saleState({ onSale: false, seatsLeft: 3 })).toBe('stopped');
    expect(formatCountdown(14 * 60 + 5)).toBe('14:05');
    expect(formatCountdown(3725)).toBe('1:02:05');
    const o = (createdAt: string) => ({ createdAt }) as never;
    expect(
      sortOrders([o('2026-01-01'), o('2026-03-01'), o('2026-02-01')]).map((x: { createdAt: string }) => x.createdAt),
    ).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
  });
});
