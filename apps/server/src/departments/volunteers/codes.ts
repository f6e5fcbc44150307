/**
 * Reference data of the sandbox volunteer registry (广东志愿者 / “i志愿”, run for 广东省志愿者联合会): the star
 * levels of 中国注册志愿者 and the record statuses.
 *
 * Star levels by cumulative service hours, as 共青团中央's 《中国注册志愿者管理办法》 sets them and 民政部's
 * 《志愿服务记录与证明出具办法（试行）》 (2020) repeats for the national volunteer-service information system:
 * 一星级 ≥ 100 h, 二星级 ≥ 300 h, 三星级 ≥ 600 h, 四星级 ≥ 1000 h, 五星级 ≥ 1500 h. The registry derives the
 * level from the hours it has recorded; it is never stored on its own, so the two cannot disagree.
 */

/** Hours needed for each star level (index = level). */
export const STAR_THRESHOLDS = [0, 100, 300, 600, 1000, 1500] as const;
export type StarLevel = 0 | 1 | 2 | 3 | 4 | 5;

export const STAR_LEVEL_NAMES: Record<StarLevel, string> = {
  0: '未评星级',
  1: '一星级志愿者',
  2: '二星级志愿者',
  3: '三星级志愿者',
  4: '四星级志愿者',
  5: '五星级志愿者',
};

/** The star level of a cumulative number of service hours. */
export function starLevel(hours: number): StarLevel {
  let level: StarLevel = 0;
  for (const [i, threshold] of STAR_THRESHOLDS.entries()) if (hours >= threshold) level = i as StarLevel;
  return level;
}

/** normal 正常; cancelled 已注销 (at the volunteer's request, or by the registry when the person died). */
export const VOLUNTEER_STATUSES = { normal: '正常', cancelled: '已注销' } as const;
export type VolunteerStatus = keyof typeof VOLUNTEER_STATUSES;

/** 中国注册志愿者: registration is open from the age of 14. */
export const MIN_REGISTRATION_AGE = 14;

/**
 * 志愿者编号 in the sandbox (an assumption: the real registry's format is not published): the registering
 * city's first four digits, the registration year and eight digits drawn at random — 16 digits, never the ID
 * number.
 */
export const VOLUNTEER_NUMBER = /^44\d{14}$/;
