import {
  MOVE_CAR_LIMITS,
  MOVE_CAR_REASONS,
  type MoveCarInput,
  type MoveCarReason,
  type MoveCarRequest,
  type MoveCarResult,
  maskPlate,
} from '@yss/contracts';
import type { z } from 'zod';
import type { SmsGateway } from '../../connectors/sms/contract.js';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import { type FieldCipher, maskPhone } from '../privacy/index.js';
import * as repo from './repository.js';

export type ParsedMoveCarInput = z.output<typeof MoveCarInput>;

/** The associated data of a request's sealed fields: the same for every row. */
export const PLATE_AAD = 'move_car_requests.plate';
export const CONTACT_PHONE_AAD = 'move_car_requests.contact_phone';
export const PLACE_AAD = 'move_car_requests.place';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Midnight of the China day `at` falls in, as an instant. */
export function chinaDayStart(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - CHINA_OFFSET_MS);
}

/** What the owner's SMS says happened, by reason. */
const SMS_REASON: Record<MoveCarReason, string> = {
  blocking: '阻挡了出入口或通道，影响他人通行',
  'parking-space': '占用了他人车位',
  'doors-windows': '车门或车窗未关闭',
  lights: '车灯未关闭',
  other: '出现异常情况',
};

/** The polite reminder (善意提醒) the owner receives: the plate in full (it is their car), never the requester's name. */
export function reminderText(plate: string, place: string, reason: MoveCarReason, contactPhone: string): string {
  return (
    `【粤省事】温馨提醒：您的车辆${plate}（停放于${place}）${SMS_REASON[reason]}，请您尽快前往处理。` +
    `如需联系提醒人，请致电${contactPhone}。感谢您的理解与配合！`
  );
}

const UNREACHABLE =
  '未能找到该车辆车主的联系方式，无法发送移车提醒。请核对车牌号码；如情况紧急，请联系停车场管理方或拨打110。';
const OTHER_PROVINCE =
  '一键移车暂仅支持广东省登记的车辆（粤字号牌），无法联系该车辆的车主。如情况紧急，请联系停车场管理方或拨打110。';

export interface MoveCarDeps {
  db: Db;
  cipher: FieldCipher;
  sms: SmsGateway;
  departments: Departments;
  now: () => Date;
}

/**
 * 一键移车: the limits against harassment, the owner's phone from the traffic police (used for the one SMS, never
 * stored or answered), the reminder through the SMS connector, and the requester's own list.
 */
export class MoveCarService {
  constructor(private readonly d: MoveCarDeps) {}

  /** Refuses with the first limit reached, in Chinese that says when to try again. */
  private checkLimits(c: repo.MoveCarCounts, now: Date): void {
    const L = MOVE_CAR_LIMITS;
    if (c.requesterSentToday >= L.requesterPerDay)
      throw new AppError('MOVE_CAR_LIMITED', `您今日已发送${L.requesterPerDay}次移车提醒，已达每日上限，请明天再试。`);
    if (c.requesterAttemptsToday >= L.requesterAttemptsPerDay)
      throw new AppError('MOVE_CAR_LIMITED', '您今日申请移车的次数过多，请明天再试。');
    if (c.plateSentToday >= L.platePerDay)
      throw new AppError(
        'MOVE_CAR_LIMITED',
        `该车辆今日已收到${L.platePerDay}次移车提醒，已达上限。如车辆严重妨碍通行，请联系停车场管理方或拨打110。`,
      );
    if (c.plateLastSentAt) {
      const next = c.plateLastSentAt.getTime() + L.plateIntervalMinutes * 60_000;
      if (next > now.getTime()) {
        const minutes = Math.max(1, Math.ceil((next - now.getTime()) / 60_000));
        throw new AppError(
          'MOVE_CAR_LIMITED',
          `该车辆的车主在${L.plateIntervalMinutes}分钟内已收到移车提醒，请耐心等待车主处理；如仍未移车，请在${minutes}分钟后再试。`,
        );
      }
    }
  }

  async request(accountId: string, input: ParsedMoveCarInput): Promise<{ result: MoveCarResult; plateMasked: string }> {
    const { db, cipher } = this.d;
    const now = this.d.now();
    const dayStart = chinaDayStart(now);
    const plateIndex = cipher.blindIndex(input.plate, 'plate');
    const plateMasked = maskPlate(input.plate);
    // Refuse early, before the department is asked (and again under the locks below).
    this.checkLimits(await repo.counts(db, accountId, plateIndex, dayStart), now);

    const phone = input.plate.startsWith('粤')
      ? (await this.d.departments.traffic.client.ownerContact({ plate: input.plate })).phone
      : null;

    const row = {
      accountId,
      plateIndex,
      plateMasked,
      plateEncrypted: cipher.encrypt(input.plate, PLATE_AAD),
      contactPhoneEncrypted: cipher.encrypt(input.contactPhone, CONTACT_PHONE_AAD),
      contactPhoneMasked: maskPhone(input.contactPhone),
      placeEncrypted: cipher.encrypt(input.place, PLACE_AAD),
      reason: input.reason,
      cityCode: input.city,
      status: phone ? ('sent' as const) : ('no-owner' as const),
      createdAt: now,
    };
    const inserted = await db.transaction().execute(async (tx) => {
      await repo.lock(tx, accountId, plateIndex);
      this.checkLimits(await repo.counts(tx, accountId, plateIndex, dayStart), now);
      return repo.insert(tx, row);
    });
    if (!phone) {
      throw new AppError('MOVE_CAR_OWNER_UNREACHABLE', input.plate.startsWith('粤') ? UNREACHABLE : OTHER_PROVINCE);
    }
    try {
      await this.d.sms.send({ phone, text: reminderText(input.plate, input.place, input.reason, input.contactPhone) });
    } catch {
      // Not sent: the attempt does not count against the plate, and the requester may try again.
      await repo.markFailed(db, inserted.id);
      throw new AppError('DEPARTMENT_UNAVAILABLE', '移车提醒短信暂时无法发送，请稍后再试。');
    }
    const after = await repo.counts(db, accountId, plateIndex, dayStart);
    return {
      plateMasked,
      result: {
        request: present({
          id: inserted.id,
          plate_masked: plateMasked,
          place: input.place,
          reason: input.reason,
          contact_phone_masked: row.contactPhoneMasked,
          created_at: inserted.created_at,
        }),
        remainingToday: Math.max(0, MOVE_CAR_LIMITS.requesterPerDay - after.requesterSentToday),
      },
    };
  }

  async list(accountId: string): Promise<MoveCarRequest[]> {
    const rows = await repo.listSent(this.d.db, accountId, 20);
    return rows.map((r) => present({ ...r, place: this.d.cipher.decrypt(r.place_encrypted, PLACE_AAD) }));
  }
}

function present(r: {
  id: string;
  plate_masked: string;
  place: string;
  reason: string;
  contact_phone_masked: string;
  created_at: Date;
}): MoveCarRequest {
  const reason = r.reason as MoveCarReason;
  return {
    id: r.id,
    plateMasked: r.plate_masked,
    place: r.place,
    reason,
    reasonLabel: MOVE_CAR_REASONS.find((x) => x.value === reason)?.label ?? reason,
    contactPhoneMasked: r.contact_phone_masked,
    sentAt: new Date(r.created_at).toISOString(),
  };
}
