import { findAppointmentService } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { ALL_SERVICES } from '../../services/index.js';
import { WEEKDAYS_ONLY, WorkCalendar, type WorkingDays } from '../work-calendar/index.js';
import { addDays, chinaDate, chinaInstant, lastBookableDate } from './china-time.js';
import { TRAVEL_FAMILY_DEMO_SLOT_PLANS } from './demo-slots-travel-family.js';
import * as repo from './repository.js';

/** A demo service point publishing the same windows every working day (the README's 预约 walkthrough). */
export interface DemoSlotPlan {
  serviceId: string;
  cityCode: string;
  place: string;
  address: string;
  times: readonly { start: string; end: string }[];
  capacity: number;
}

export const DEMO_SLOT_PLANS: readonly DemoSlotPlan[] = [
  {
    serviceId: 'gongjijin-qiantai-tiqu-yuyue',
    cityCode: '440100',
    place: '广州住房公积金管理中心天河办事处',
    address: '广州市天河区天河北路（演示地址）',
    times: [
      { start: '09:00', end: '10:00' },
      { start: '10:00', end: '11:00' },
      { start: '14:00', end: '15:00' },
      { start: '15:00', end: '16:00' },
    ],
    capacity: 10,
  },
  {
    serviceId: 'bulin-jiehunzheng-lihunzheng-yuyue',
    cityCode: '440100',
    place: '天河区婚姻登记处',
    address: '广州市天河区天府路（演示地址）',
    times: [
      { start: '09:00', end: '10:00' },
      { start: '10:00', end: '11:00' },
      { start: '14:30', end: '15:30' },
      { start: '15:30', end: '16:30' },
    ],
    capacity: 6,
  },
  {
    // 年审预约 (D3): an inspection station's morning and afternoon windows
    serviceId: 'nianshen-yuyue',
    cityCode: '440100',
    place: '广州市机动车安全技术检验站（天河）',
    address: '广州市天河区中山大道（演示地址）',
    times: [
      { start: '08:30', end: '10:00' },
      { start: '10:00', end: '11:30' },
      { start: '14:00', end: '15:30' },
      { start: '15:30', end: '17:00' },
    ],
    capacity: 8,
  },
  ...TRAVEL_FAMILY_DEMO_SLOT_PLANS,
  // 社会救助 (B7, docs/welfare.md): one window of the street office per type, in 广州 and 佛山.
  ...(
    [
      ['dibao-shenqing-yuyue', '09:00', '10:00'],
      ['dishouru-jiating-shenqing-yuyue', '10:00', '11:00'],
      ['tekun-renyuan-shenqing-yuyue', '14:30', '15:30'],
      ['linshi-jiuzhu-shenqing-yuyue', '15:30', '16:30'],
    ] as const
  ).flatMap(([serviceId, start, end]) => [
    {
      serviceId,
      cityCode: '440100',
      place: '天河区天河南街道社会救助服务窗口',
      address: '广州市天河区天河南二路（演示地址）',
      times: [{ start, end }],
      capacity: 4,
    },
    {
      serviceId,
      cityCode: '440600',
      place: '禅城区祖庙街道社会救助服务窗口',
      address: '佛山市禅城区祖庙路（演示地址）',
      times: [{ start, end }],
      capacity: 4,
    },
  ]),
];

/** How many working days ahead the demo keeps published. */
export const DEMO_WORKING_DAYS = 7;

/**
 * The next n working days after today (China time) by the 工作日历: no holiday (春节, 国庆 …), and the 调休上班
 * Saturdays and Sundays included. Without a calendar, Monday–Friday.
 */
export function nextWorkingDays(now: Date, n: number, calendar: WorkingDays = WEEKDAYS_ONLY): string[] {
  const days: string[] = [];
  for (let d = addDays(chinaDate(now), 1); days.length < n; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) days.push(d);
  }
  return days;
}

/** A plan's windows on the dates it keeps published (its booking window cut to the next working days). */
interface PlannedDay {
  plan: DemoSlotPlan;
  departmentId: string;
  dates: string[];
}

function plannedDays(now: Date, calendar: WorkingDays): PlannedDay[] {
  const working = nextWorkingDays(now, DEMO_WORKING_DAYS, calendar);
  return DEMO_SLOT_PLANS.flatMap((plan) => {
    const spec = findAppointmentService(plan.serviceId);
    const service = ALL_SERVICES.find((s) => s.id === plan.serviceId);
    if (!spec || !service) return [];
    const last = lastBookableDate(now, spec.bookingWindowDays);
    return [{ plan, departmentId: service.department, dates: working.filter((d) => d <= last) }];
  });
}

/** The plan's slots that no slot at its place (published by staff, an earlier seed, even a stopped one) overlaps. */
function missingSlots(p: PlannedDay, existing: readonly { starts_at: Date; ends_at: Date }[]): repo.NewSlot[] {
  const rows: repo.NewSlot[] = [];
  for (const date of p.dates) {
    for (const t of p.plan.times) {
      const startsAt = chinaInstant(date, t.start);
      const endsAt = chinaInstant(date, t.end);
      if (!startsAt || !endsAt) continue;
      if (existing.some((s) => s.starts_at < endsAt && startsAt < s.ends_at)) continue;
      rows.push({
        service_id: p.plan.serviceId,
        city_code: p.plan.cityCode,
        department_id: p.departmentId,
        place: p.plan.place,
        address: p.plan.address,
        local_date: date,
        starts_at: startsAt,
        ends_at: endsAt,
        capacity: p.plan.capacity,
        cancelled_at: null,
        cancel_reason: null,
        created_by: null,
      });
    }
  }
  return rows;
}

/**
 * Publish the demo slots for the next working days of the 工作日历 (demo mode only: prepareDatabase never calls this
 * in production mode): nothing on a holiday, windows on a 调休上班 weekend day. Idempotent: a window that exists at the place — even one staff stopped — is not added again,
 * so each start only tops up the days that came into reach. Returns how many slots were added.
 *
 * Most starts have nothing to add: one query over every plan's places and dates decides that, without a
 * transaction or a lock. Only a plan with a window missing takes the publishing lock and decides again under it.
 */
export async function seedDemoSlots(db: Db, now = new Date(), calendar?: WorkingDays): Promise<number> {
  const planned = plannedDays(now, calendar ?? (await new WorkCalendar({ db }).start()));
  const windows = await repo.listWindowsAtPlaces(db, {
    places: planned.map(({ plan }) => ({ serviceId: plan.serviceId, cityCode: plan.cityCode, place: plan.place })),
    dates: [...new Set(planned.flatMap((p) => p.dates))],
  });
  const atPlace = (p: PlannedDay) =>
    windows.filter(
      (w) => w.service_id === p.plan.serviceId && w.city_code === p.plan.cityCode && w.place === p.plan.place,
    );
  let added = 0;
  for (const p of planned) {
    if (missingSlots(p, atPlace(p)).length === 0) continue;
    await db.transaction().execute(async (tx) => {
      // The same lock as publishing in the console: two server copies starting at once add nothing twice.
      await repo.lockKey(tx, repo.PUBLISH_LOCK, `${p.plan.serviceId}:${p.plan.cityCode}`);
      const existing = await repo.listSlotsAtPlace(tx, {
        serviceId: p.plan.serviceId,
        cityCode: p.plan.cityCode,
        place: p.plan.place,
        dates: p.dates,
        includeCancelled: true,
      });
      added += (await repo.insertSlots(tx, missingSlots(p, existing))).length;
    });
  }
  return added;
}
