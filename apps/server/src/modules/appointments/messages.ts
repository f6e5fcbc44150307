import type { NewNotification } from '../notifications/index.js';
import { agentTitle, type OnBehalfColumns, onBehalfCopies, principalBody } from '../shared/index.js';
import { slotWhen } from './present.js';
import type { SlotRow } from './repository.js';

export type AppointmentEvent = 'booked' | 'cancelled' | 'slot_cancelled' | 'reminder' | 'no_show' | 'rescheduled';

/**
 * Whose copy of a booking made for someone else (为他人办理): the agent's (the account that booked) names the
 * principal, the principal's (the person who goes to the counter) names the agent. Names are masked.
 */
export type Audience = { role: 'agent'; applicantNameMasked: string } | { role: 'principal'; agentNameMasked: string };

/**
 * 消息 to the citizen about their booking, with a link to it. The dedupe key is the booking and the event: each
 * is announced once, whatever retries happen.
 */
export function appointmentMessage(o: {
  event: AppointmentEvent;
  accountId: string;
  appointmentId: string;
  appointmentNumber: string;
  serviceName: string;
  departmentName: string;
  slot: Pick<SlotRow, 'place' | 'address' | 'starts_at' | 'ends_at'>;
  reason: string | null;
  at: Date;
  /**
   * Booked for someone else: whose copy this is. Without it (or for the party who cancelled, see `byOther`), the
   * booking's own words.
   */
  audience?: Audience;
  /** 'cancelled' only: the copy of the party who did not cancel (the other one did). */
  byOther?: boolean;
  /** 'rescheduled' only: the window the booking moved from. */
  previous?: Pick<SlotRow, 'place' | 'starts_at' | 'ends_at'>;
  /**
   * Appended to the dedupe key when one booking may hear of the event more than once: each 改约 (its id), and the
   * 预约提醒 of a moved booking (its new slot).
   */
  keySuffix?: string;
  /** 'no_show' only: the rule on repeated no-shows, told with the first one. */
  rule?: string;
}): NewNotification {
  const { date, start, end } = slotWhen(o.slot);
  const what = `${o.serviceName} ${date} ${start}–${end} ${o.slot.place}`;
  const number = `预约号：${o.appointmentNumber}。`;
  // 护照申领预约, not 护照申领预约预约.
  const booking = o.serviceName.endsWith('预约') ? o.serviceName : `${o.serviceName}预约`;
  const own = ((): { title: string; body: string } => {
    switch (o.event) {
      case 'booked':
        return {
          title: `预约成功：${what}`,
          body:
            `您已成功预约${o.serviceName}，时间：${date} ${start}–${end}，地点：${o.slot.place}（${o.slot.address}）。` +
            `${number}请携带本人有效身份证件原件按时前往；如不能前往，请提前取消预约。`,
        };
      case 'cancelled':
        return {
          title: `预约已取消：${what}`,
          body: `您已取消${date} ${start}–${end}在${o.slot.place}的${booking}。${number}`,
        };
      case 'slot_cancelled':
        return {
          title: `预约已取消（办理部门停用时段）：${what}`,
          body:
            `因“${o.reason ?? ''}”，${o.departmentName}已停用${date} ${start}–${end}在${o.slot.place}的预约时段，` +
            `您的${booking}已取消。${number}如仍需办理，请重新选择其他时段预约。`,
        };
      case 'no_show': {
        return {
          title: `预约未到：${what}`,
          body:
            `您预约的${o.serviceName}（${date} ${start}–${end}，${o.slot.place}）在预约时段结束前未签到，已记为未到。` +
            `${number}${o.rule ?? ''}如不能前往，请提前在我的预约中取消或改约。`,
        };
      }
      case 'rescheduled': {
        const p = o.previous ? slotWhen(o.previous) : null;
        const from = p && o.previous ? `${p.date} ${p.start}–${p.end}（${o.previous.place}）` : '原时段';
        return {
          title: `预约已改约：${what}`,
          body:
            `您的${booking}已由${from}改为${date} ${start}–${end}，地点：${o.slot.place}（${o.slot.address}）。` +
            `预约号不变：${o.appointmentNumber}。请携带本人有效身份证件原件按时前往。`,
        };
      }
      case 'reminder':
        return {
          title: `预约提醒：${what}`,
          body:
            `您预约的${o.serviceName}将于${date} ${start}–${end}在${o.slot.place}（${o.slot.address}）办理。` +
            `${number}请携带本人有效身份证件原件按时前往；如不能前往，请在我的预约中取消，把名额留给他人。`,
        };
    }
  })();
  const text = o.audience ? forParty(o.audience, own, { ...o, what, date, start, end, number, booking }) : own;
  return {
    accountId: o.accountId,
    kind: 'appointment-update',
    dedupeKey: `appointment:${o.appointmentId}:${o.event}${o.keySuffix ? `:${o.keySuffix}` : ''}`,
    title: text.title.slice(0, 100),
    body: text.body.slice(0, 1000),
    link: `/appointments/${o.appointmentId}`,
    occurredAt: o.at,
  };
}

/**
 * A booking's message as one of the two people of a booking made for someone else reads it. The agent's copy is
 * titled 代办：…; the principal's notes who booked (由张*代办). A cancellation by the other party says who cancelled
 * (「您的代办人张*已取消…」 / 「张**已取消您为其代办的…」); a reminder and a department's stopping of the slot tell the
 * agent whom to tell.
 */
function forParty(
  audience: Audience,
  own: { title: string; body: string },
  o: {
    event: AppointmentEvent;
    serviceName: string;
    departmentName: string;
    slot: Pick<SlotRow, 'place' | 'address'>;
    reason: string | null;
    byOther?: boolean;
    rule?: string;
    what: string;
    /** The service as a booking: 护照申领预约. */
    booking: string;
    date: string;
    start: string;
    end: string;
    number: string;
  },
): { title: string; body: string } {
  const { booking } = o;
  const when = `${o.date} ${o.start}–${o.end}`;
  if (audience.role === 'principal') {
    const agent = audience.agentNameMasked;
    if (o.event === 'cancelled' && o.byOther) {
      return {
        title: own.title,
        body: `您的代办人${agent}已取消为您预约的${when}在${o.slot.place}的${booking}。${o.number}如仍需办理，请重新预约。`,
      };
    }
    return { title: own.title, body: principalBody(own.body, agent) };
  }
  const principal = audience.applicantNameMasked;
  const title = agentTitle(own.title);
  switch (o.event) {
    case 'cancelled':
      if (o.byOther) {
        return { title, body: `${principal}已取消您为其代办的${when}在${o.slot.place}的${booking}。${o.number}` };
      }
      break;
    case 'reminder':
      return {
        title,
        body:
          `您为${principal}代办的${booking}将于${when}在${o.slot.place}（${o.slot.address}）办理。${o.number}` +
          `请提醒${principal}携带本人有效身份证件原件按时前往；如不能前往，请在我的预约中取消，把名额留给他人。`,
      };
    case 'slot_cancelled':
      return {
        title,
        body:
          `因“${o.reason ?? ''}”，${o.departmentName}已停用${when}在${o.slot.place}的预约时段，` +
          `您为${principal}代办的${booking}已取消。${o.number}如仍需办理，请重新选择其他时段预约。`,
      };
    case 'no_show':
      return {
        title,
        body:
          `您为${principal}代办的${booking}（${when}，${o.slot.place}）在预约时段结束前未签到，已记为未到。` +
          `${o.number}${o.rule ?? ''}`,
      };
    default:
      break;
  }
  return { title, body: `您为${principal}代办的预约：${own.body}` };
}

/** The columns that say for whom a booking was made (migrations/0066). */
export type BookingParties = OnBehalfColumns;

/**
 * The copies of a booking's message (onBehalfCopies): the booking account's, and — booked for someone else — the
 * principal's when they have an account (`principalAccountId`). `cancelledBy`: which of the two cancelled
 * ('cancelled' only). The dedupe key is the booking's and the event's for both.
 */
export function bookingMessages(
  base: Omit<Parameters<typeof appointmentMessage>[0], 'accountId' | 'audience' | 'byOther'>,
  row: BookingParties,
  principalAccountId: string | null,
  cancelledBy?: 'agent' | 'principal',
): NewNotification[] {
  return onBehalfCopies(row, principalAccountId, {
    own: (accountId) => appointmentMessage({ ...base, accountId }),
    agent: (accountId, applicantNameMasked) =>
      appointmentMessage({
        ...base,
        accountId,
        audience: { role: 'agent', applicantNameMasked },
        byOther: cancelledBy === 'principal',
      }),
    principal: (accountId, agentNameMasked) =>
      appointmentMessage({
        ...base,
        accountId,
        audience: { role: 'principal', agentNameMasked },
        byOther: cancelledBy === 'agent',
      }),
  });
}

/** The accounts of the principals of some bookings (one look-up per person), by person id; absent: no account. */
export async function principalAccounts(
  rows: readonly { principal_person_id: string | null }[],
  accountOfPerson: (personId: string) => Promise<string | null>,
): Promise<Map<string, string | null>> {
  const people = [...new Set(rows.flatMap((r) => (r.principal_person_id ? [r.principal_person_id] : [])))];
  return new Map(await Promise.all(people.map(async (p) => [p, await accountOfPerson(p)] as const)));
}
