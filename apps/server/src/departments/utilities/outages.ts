import { createHash } from 'node:crypto';

/**
 * Planned supply interruptions of the sandbox companies: 广州燃气's 停气通知 by district and 广东电网's 停电通知 for
 * an account's district. Demo data computed from the day (China time), so there is always something recent and
 * something coming: each district has one interruption a week, on a day, at an hour and for a reason drawn from
 * a hash of the district and the week. A real company publishes these from its dispatch system.
 */

export const GUANGZHOU_DISTRICTS = [
  '越秀区',
  '海珠区',
  '荔湾区',
  '天河区',
  '白云区',
  '黄埔区',
  '番禺区',
  '花都区',
  '南沙区',
  '从化区',
  '增城区',
] as const;

const GAS_REASONS = ['燃气管道碰口施工', '燃气设施维护检修', '市政道路施工配合迁改管道', '调压设备更换'] as const;
const POWER_REASONS = ['线路检修', '配电设备预防性试验', '市政工程配合停电', '变压器增容改造'] as const;
const ROADS = ['中山路', '人民路', '解放路', '建设路', '新港路', '环市路', '工业大道', '东风路'] as const;

export interface Interruption {
  id: string;
  district: string;
  area: string;
  reason: string;
  /** ISO 8601 with +08:00 */
  startsAt: string;
  endsAt: string;
  status: 'planned' | 'ongoing' | 'finished';
  /** 计划停气 / 正在停气 / 已恢复供气 (gas), 计划停电 / 正在停电 / 已恢复供电 (power) */
  statusName: string;
}

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** The China-time date of an instant, and the Monday of its week (day numbers since the epoch). */
function chinaDayNumber(now: Date): number {
  return Math.floor((now.getTime() + CHINA_MS) / DAY_MS);
}

const isoAt = (dayNumber: number, hour: number) =>
  `${new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`;

function statusOf(startsAt: string, endsAt: string, now: Date, utility: 'gas' | 'power') {
  const t = now.getTime();
  const word = utility === 'gas' ? '供气' : '供电';
  const stop = utility === 'gas' ? '停气' : '停电';
  if (t < Date.parse(startsAt)) return { status: 'planned' as const, statusName: `计划${stop}` };
  if (t < Date.parse(endsAt)) return { status: 'ongoing' as const, statusName: `正在${stop}` };
  return { status: 'finished' as const, statusName: `已恢复${word}` };
}

/** One interruption of a district in the week `week` (a week number since the epoch), or of a fixed day. */
function interruption(utility: 'gas' | 'power', key: string, district: string, week: number, now: Date): Interruption {
  const h = hashNumber(`${utility}|${key}|${week}`);
  // Monday of the week (1970-01-01 was a Thursday: day 4 of that week, so Monday = week*7 - 3).
  const day = week * 7 - 3 + (h % 7);
  const hour = 8 + ((h >>> 3) % 5);
  const hours = utility === 'gas' ? 4 + ((h >>> 6) % 3) * 2 : 3 + ((h >>> 6) % 4);
  const startsAt = isoAt(day, hour);
  const endsAt = isoAt(day, hour + hours);
  const reasons = utility === 'gas' ? GAS_REASONS : POWER_REASONS;
  const road = ROADS[(h >>> 9) % ROADS.length] as string;
  const numberFrom = 1 + ((h >>> 12) % 200);
  return {
    id: `${utility === 'gas' ? 'TQ' : 'TD'}${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}${String(h % 10_000).padStart(4, '0')}`,
    district,
    area: `${district}${road}${numberFrom}号至${numberFrom + 40 + ((h >>> 20) % 60)}号一带`,
    reason: reasons[(h >>> 15) % reasons.length] as string,
    startsAt,
    endsAt,
    ...statusOf(startsAt, endsAt, now, utility),
  };
}

/** The weeks shown: last week, this week and next week (a notice stays visible a week after the supply returns). */
function weeksAround(now: Date): number[] {
  const week = Math.floor((chinaDayNumber(now) + 3) / 7);
  return [week - 1, week, week + 1];
}

/** 停气查询: 广州燃气's interruptions from a week back to a week ahead, soonest first (one district or all). */
export function gasInterruptions(now: Date, district?: string): Interruption[] {
  const districts = district ? GUANGZHOU_DISTRICTS.filter((d) => d === district) : GUANGZHOU_DISTRICTS;
  const from = now.getTime() - 7 * DAY_MS;
  return districts
    .flatMap((d) => weeksAround(now).map((w) => interruption('gas', d, d, w, now)))
    .filter((i) => Date.parse(i.endsAt) >= from)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.district.localeCompare(b.district));
}

/** The district (区, 县 or county-level 市) of a Guangdong address, if it names one. */
export function districtOf(address: string): string | null {
  return address.match(/^广东省[^市]+市(.+?(?:区|县|市))/u)?.[1] ?? null;
}

/** 停电通知: the interruptions of the account's district from a week back to a week ahead, soonest first. */
export function powerInterruptions(now: Date, cityCode: string, address: string): Interruption[] {
  const district = districtOf(address) ?? '市辖区';
  const from = now.getTime() - 7 * DAY_MS;
  return weeksAround(now)
    .map((w) => interruption('power', `${cityCode}|${district}`, district, w, now))
    .filter((i) => Date.parse(i.endsAt) >= from)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
