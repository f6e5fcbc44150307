import { APPOINTMENT_PASS_PREFIX, type AppointmentCheckInResult } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import { chinaDate, chinaTime } from './china-time.js';
import type { AppointmentPassKeys } from './pass-keys.js';
import { slotWhen } from './present.js';
import * as repo from './repository.js';

/** How early before the window a citizen may check in at the counter. */
export const CHECK_IN_EARLY_MS = 60 * 60_000;

const NOT_FOUND = '找不到该预约，或该预约不属于您的办理范围。请核对预约号。';
const NUMBER = /^[0-9]{20}$/;

export interface CheckInDeps {
  db: Db;
  catalog: CatalogService;
  passKeys: AppointmentPassKeys;
  now: () => Date;
}

/**
 * 现场签到: the counter scans the citizen's 预约码 (`YSSA1:` + a signed booking id) or types the 20-digit 预约号; a
 * booking of the clerk's department and city that is booked and within its check-in time (an hour before the window
 * until it ends) becomes checked_in. A repeat answers the first check-in. Who may look which booking up is the
 * caller's `covers` (the routes: slot.manage grants); outside it a booking reads as absent.
 */
export class CheckInService {
  constructor(private readonly d: CheckInDeps) {}

  /** The booking a code names (undefined: none), after the code's own checks (signature, lifetime, shape). */
  async resolve(code: string): Promise<repo.BookingRow | undefined> {
    const text = code.trim();
    if (text.startsWith(APPOINTMENT_PASS_PREFIX)) {
      const checked = await this.d.passKeys.verify(text, this.d.now());
      if (!checked.ok) {
        if (checked.verdict === 'expired-code') {
          throw new AppError(
            'APPOINTMENT_CODE_EXPIRED',
            '预约码已过期，请群众在粤省事“我的预约”中刷新预约码后重新扫码。',
          );
        }
        throw new AppError(
          'APPOINTMENT_CODE_INVALID',
          '预约码无效（不是本平台签发的预约码或已被篡改），请核对后重试。',
        );
      }
      return repo.findBooking(this.d.db, checked.claims.aid);
    }
    if (NUMBER.test(text)) return repo.findBookingByNumber(this.d.db, text);
    throw new AppError('APPOINTMENT_CODE_INVALID', '请扫描群众出示的预约码，或输入20位数字预约号。');
  }

  /**
   * Check the booking in, under its row lock: booked (cancelled, stopped, no-show: APPOINTMENT_NOT_CHECKABLE), not
   * more than an hour before the window (APPOINTMENT_CHECK_IN_TOO_EARLY), the window not ended
   * (APPOINTMENT_CHECK_IN_TOO_LATE). Already checked in: the first check-in, `alreadyCheckedIn`.
   */
  async checkIn(
    booking: repo.BookingRow,
    staffId: string,
  ): Promise<{ result: AppointmentCheckInResult; first: boolean }> {
    const now = this.d.now();
    const first = await this.d.db.transaction().execute(async (tx) => {
      const row = await repo.lockBookingById(tx, booking.id);
      if (!row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
      if (row.status === 'checked_in') return false;
      const slot = booking.slot;
      const { date, start, end } = slotWhen(slot);
      if (row.status !== 'booked') {
        throw new AppError(
          'APPOINTMENT_NOT_CHECKABLE',
          row.status === 'no_show'
            ? `该预约（${date} ${start}–${end}）已记为未到，不能签到；请引导群众重新预约。`
            : row.status === 'slot_cancelled'
              ? '办理部门已停用该时段，该预约已取消，不能签到。'
              : '该预约已取消，不能签到。',
        );
      }
      // The slot the booking is on now (a 改约 moves it; the row lock holds it still).
      if (row.slot_id !== slot.id) throw new AppError('APPOINTMENT_CHANGED', '该预约刚刚已改约，请重新扫码。');
      const opens = new Date(slot.starts_at.getTime() - CHECK_IN_EARLY_MS);
      if (now < opens) {
        const on = chinaDate(opens) === chinaDate(now) ? '' : `${chinaDate(opens)} `;
        throw new AppError(
          'APPOINTMENT_CHECK_IN_TOO_EARLY',
          `该预约时段为${date} ${start}–${end}，请于${on}${chinaTime(opens)}后再签到（可提前1小时签到）。`,
        );
      }
      if (now >= slot.ends_at) {
        throw new AppError(
          'APPOINTMENT_CHECK_IN_TOO_LATE',
          `该预约时段${date} ${start}–${end}已结束，不能签到；请引导群众重新预约或按现场安排办理。`,
        );
      }
      await repo.checkIn(tx, row.id, now, staffId);
      return true;
    });
    const row = (await repo.findBooking(this.d.db, booking.id)) as repo.BookingRow;
    const at = row.checked_in_at ?? now;
    const when = chinaDate(at) === chinaDate(now) ? chinaTime(at) : `${chinaDate(at)} ${chinaTime(at)}`;
    return {
      first,
      result: {
        appointmentNumber: row.appointment_number,
        serviceName: this.d.catalog.current.findService(row.service_id)?.name ?? row.service_id,
        place: row.slot.place,
        ...slotWhen(row.slot),
        nameMasked: row.applicant_name_masked,
        idNumberLast4: row.applicant_id_number_masked.slice(-4),
        subjectLabel: row.subject_label,
        status: row.status,
        checkedInAt: at.toISOString(),
        alreadyCheckedIn: !first,
        message: first ? `签到成功，签到时间${when}。` : `该预约已于${when}签到，无需重复签到。`,
      },
    };
  }
}
