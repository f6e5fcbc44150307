import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { mobilePhone, plateNumber, trimmed } from './forms/schema-helpers.js';
import { normalizePlate } from './validators/plate.js';

/**
 * 一键移车 (G6): the guide — “出入时如遇车辆不合理停放，导致阻塞入口或影响出行，或车辆出现没关门窗等异常情况时 …
 * 根据提示填写移车信息、联系方式及选择移车地址后，点击“申请移车”提交后，系统将会发出一条提醒短信至对应车主，作出善意
 * 提醒”. The owner's phone comes from the traffic police's vehicle record and is never shown to the requester; the
 * requester sees that the reminder went out, with the plate masked, and nothing about the owner.
 */

export const MOVE_CAR_SERVICE_ID = 'yijian-yiche';

/** The limits against harassment (the server's; the page states them). */
export const MOVE_CAR_LIMITS = {
  /** One reminder per plate in this many minutes, whoever asks. */
  plateIntervalMinutes: 10,
  /** Reminders per plate per day (China time), whoever asks. */
  platePerDay: 3,
  /** Reminders a requester may have sent per day. */
  requesterPerDay: 5,
  /** Requests a requester may make per day, including plates without a reachable owner. */
  requesterAttemptsPerDay: 10,
} as const;

export const MOVE_CAR_REASONS = [
  { value: 'blocking', label: '阻挡出入口或通道', labelEn: 'Blocking an entrance or the way' },
  { value: 'parking-space', label: '占用他人车位', labelEn: "Parked in someone else's space" },
  { value: 'doors-windows', label: '车门或车窗未关', labelEn: 'Doors or windows left open' },
  { value: 'lights', label: '车灯未关', labelEn: 'Lights left on' },
  { value: 'other', label: '其他异常情况', labelEn: 'Something else is wrong' },
] as const;
export type MoveCarReason = (typeof MOVE_CAR_REASONS)[number]['value'];

export const MoveCarInput = z
  .object({
    plate: plateNumber('请填写需要移动的车辆的车牌号码').transform((v) => normalizePlate(v)),
    /** The requester's phone, sent to the owner so that they can call back. */
    contactPhone: mobilePhone('请填写您的联系电话'),
    /** Where the car is (移车地址). */
    place: trimmed('请填写车辆所在位置', 60, '车辆所在位置不能超过60个字').refine(
      // the place goes into an SMS to a stranger: no links or phone numbers (spam), only where the car is
      (v) => !/https?:|www\.|\.(com|cn|net|top|xyz)\b/i.test(v) && !/\d{7,}/.test(v),
      '车辆所在位置请只填写地点，不要填写网址或电话号码',
    ),
    reason: z.enum(MOVE_CAR_REASONS.map((r) => r.value) as [MoveCarReason, ...MoveCarReason[]], {
      error: '请选择移车原因',
    }),
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
  })
  .strict()
  .meta({ id: 'MoveCarInput' });
export type MoveCarInput = z.input<typeof MoveCarInput>;

/** One of the requester's own reminders: the plate masked, nothing of the owner. */
export const MoveCarRequest = z
  .object({
    id: z.uuid(),
    /** 粤A8***6: the first three and the last character. */
    plateMasked: z.string(),
    place: z.string(),
    reason: z.enum(MOVE_CAR_REASONS.map((r) => r.value) as [MoveCarReason, ...MoveCarReason[]]),
    reasonLabel: z.string(),
    contactPhoneMasked: z.string(),
    sentAt: z.iso.datetime(),
  })
  .meta({ id: 'MoveCarRequest' });
export type MoveCarRequest = z.infer<typeof MoveCarRequest>;

export const MoveCarResult = z
  .object({
    request: MoveCarRequest,
    /** Reminders the requester may still send today. */
    remainingToday: z.number().int().min(0),
  })
  .meta({ id: 'MoveCarResult' });
export type MoveCarResult = z.infer<typeof MoveCarResult>;

/** A plate masked for the requester's screens: province, authority letter and the first serial character, and the last. */
export function maskPlate(plate: string): string {
  const chars = [...plate];
  if (chars.length <= 4) return `${chars[0] ?? ''}${'*'.repeat(Math.max(0, chars.length - 1))}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 4)}${chars[chars.length - 1]}`;
}
