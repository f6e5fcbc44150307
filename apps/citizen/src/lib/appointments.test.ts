import { APPOINTMENT_SERVICES, type Appointment, type AvailableSlot } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client';
import { APPOINTMENT_QUERY_ROUTES, BOOK_ONLINE, bookRoute, booksOnline } from './appointment-services';
import {
  formatFullDate,
  formatSlotDate,
  formatWhen,
  outcomeUnknown,
  pickDate,
  slotDates,
  slotPlaces,
  sortAppointments,
} from './appointments';
import { TOOL_ROUTES } from './tools';

describe('the services that take appointments online', () => {
  it('are exactly those of APPOINTMENT_SERVICES', () => {
    expect(Object.keys(BOOK_ONLINE).sort()).toEqual(Object.keys(APPOINTMENT_SERVICES).sort());
    for (const id of Object.keys(APPOINTMENT_SERVICES)) expect(booksOnline(id)).toBe(true);
    expect(booksOnline('shili-yuyue-not-online')).toBe(false);
    expect(booksOnline('toString')).toBe(false);
    expect(bookRoute('nianshen-yuyue')).toBe('/book/nianshen-yuyue');
  });

  it('open 我的预约 from their 预约查询 services', () => {
    expect(TOOL_ROUTES['hunyin-dengji-yuyue-chaxun']).toBe('/appointments?service=hunyin-dengji-yuyue');
    for (const [id, s] of Object.entries(BOOK_ONLINE)) {
      if (!s.queryServiceId) continue;
      expect(TOOL_ROUTES[s.queryServiceId]).toBe(`/appointments?service=${id}`);
    }
    expect(Object.keys(APPOINTMENT_QUERY_ROUTES)).toEqual(
      Object.values(BOOK_ONLINE).flatMap((s) => (s.queryServiceId ? [s.queryServiceId] : [])),
    );
  });
});

function s(id: string, date: string, start: string, remaining: number, place = 'A'): AvailableSlot {
  return {
    id,
    place,
    address: `${place} 地址`,
    date,
    start,
    end: `${start.slice(0, 3)}30`,
    startsAt: `${date}T00:00:00.000Z`,
    endsAt: `${date}T00:30:00.000Z`,
    capacity: 5,
    remaining,
  };
}

describe('the slot picker', () => {
  const slots = [
    s('3', '2026-12-03', '09:00', 0),
    s('1', '2026-12-01', '10:00', 2, 'B'),
    s('2', '2026-12-01', '09:00', 0),
    s('4', '2026-12-01', '11:00', 1),
  ];

  it('groups by date in order, counting the places left', () => {
    expect(slotDates(slots).map((d) => [d.date, d.slots.map((x) => x.id), d.remaining])).toEqual([
      ['2026-12-01', ['2', '1', '4'], 3],
      ['2026-12-03', ['3'], 0],
    ]);
  });

  it('groups a day by place and address, places by their first window', () => {
    const day = slotDates(slots)[0]?.slots ?? [];
    expect(slotPlaces(day).map((p) => [p.place, p.address, p.slots.map((x) => x.id)])).toEqual([
      ['A', 'A 地址', ['2', '4']],
      ['B', 'B 地址', ['1']],
    ]);
  });

  it('keeps the chosen date while it is there, else the first with places left', () => {
    const days = slotDates(slots);
    expect(pickDate(days, '2026-12-03')).toBe('2026-12-03');
    expect(pickDate(days, '2026-12-09')).toBe('2026-12-01');
    expect(pickDate(slotDates([s('3', '2026-12-03', '09:00', 0), s('5', '2026-12-04', '09:00', 1)]), null)).toBe(
      '2026-12-04',
    );
    expect(pickDate(slotDates([s('3', '2026-12-03', '09:00', 0)]), null)).toBe('2026-12-03');
    expect(pickDate([], null)).toBeNull();
  });

  it('writes China-time dates the same whatever the phone’s time zone', () => {
    expect(formatSlotDate('2025-11-28', 'zh-CN')).toBe('11月28日 周五');
    expect(formatSlotDate('2025-11-28', 'en')).toBe('Fri 28 Nov');
    expect(formatFullDate('2026-01-04', 'zh-CN')).toBe('2026年1月4日 周日');
    expect(formatFullDate('2026-01-04', 'en')).toBe('Sun 4 Jan 2026');
    expect(formatWhen({ date: '2026-12-01', start: '09:00', end: '09:30' }, 'zh-CN')).toBe(
      '2026年12月1日 周二 09:00–09:30',
    );
  });
});

describe('我的预约', () => {
  const a = (id: string, startsAt: string, status: Appointment['status'] = 'booked') =>
    ({ id, startsAt, endsAt: startsAt, status }) as Appointment;

  it('puts upcoming appointments first (soonest first), then the rest (latest first)', () => {
    const now = Date.parse('2026-11-27T00:00:00.000Z');
    const list = [
      a('past', '2026-11-01T01:00:00.000Z'),
      a('later', '2026-12-05T01:00:00.000Z'),
      a('cancelled', '2026-12-10T01:00:00.000Z', 'cancelled'),
      a('soon', '2026-11-28T01:00:00.000Z'),
    ];
    expect(sortAppointments(list, now).map((x) => x.id)).toEqual(['soon', 'later', 'cancelled', 'past']);
  });
});

describe('a booking problem', () => {
  it('leaves the outcome unknown (retry with the same submissionId) only without a real answer', () => {
    const p = (status: number, code: string) => new ApiProblem({ status, code, title: 'x', detail: 'x' });
    expect(outcomeUnknown(p(0, 'NETWORK_ERROR'))).toBe(true);
    expect(outcomeUnknown(p(0, 'TIMEOUT'))).toBe(true);
    expect(outcomeUnknown(p(502, 'HTTP_502'))).toBe(true);
    expect(outcomeUnknown(p(409, 'SLOT_FULL'))).toBe(false);
    expect(outcomeUnknown(p(409, 'APPOINTMENT_EXISTS'))).toBe(false);
  });
});
