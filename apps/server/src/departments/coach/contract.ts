import { CITY_CODES, COACH_MAX_TICKETS_PER_ORDER, COACH_REFUND_RULE_TEXT, parseResidentId } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';

/**
 * The province's coach ticketing system (省道路客运联网售票系统) as a department contract: stations, the timetable
 * with seats left, seats held for an order and tickets issued on them (票号, 座位), refunds with the system's own
 * fee rule, and the station's 验票 / 上车. The platform keeps the citizen's order and payment; the seats and the
 * tickets are the system's. Money in integer fen; times China time (date and time local, departsAt ISO).
 */

export { COACH_REFUND_RULE_TEXT };

const StationId = z.string().regex(/^[A-Z]{2}\d{2}$/, '客运站编号有误');
const DepartureId = z.string().min(1, '请选择班次').max(80, '班次编号有误');
const TicketNumber = z.string().regex(/^T\d{16}$/, '票号有误');
const HoldId = z.uuid({ error: '占座编号有误' });
const LocalDate = z.iso.date({ error: '日期格式有误' });
const IsoDateTime = z.iso.datetime({ offset: true });
const Fen = z.number().int().min(0);

export const CoachStationRecord = z
  .object({ id: z.string(), name: z.string(), cityCode: z.string(), address: z.string() })
  .meta({ id: 'CoachDeptStation', description: '客运站' });

export const CoachDepartureRecord = z
  .object({
    id: z.string(),
    /** 班次号 */
    runNumber: z.string(),
    fromStation: CoachStationRecord,
    toStation: CoachStationRecord,
    date: LocalDate,
    time: z.string().regex(/^\d{2}:\d{2}$/),
    departsAt: IsoDateTime,
    durationMinutes: z.number().int().positive(),
    /** 车型 */
    coachType: z.string(),
    priceFen: Fen,
    seats: z.number().int().min(1),
    seatsLeft: z.number().int().min(0),
    /** Sold online now: in the sales window, before the cut-off, seats left. */
    onSale: z.boolean(),
  })
  .meta({ id: 'CoachDeptDeparture', description: '班次' });
export type CoachDepartureRecord = z.infer<typeof CoachDepartureRecord>;

export const COACH_DEPT_TICKET_STATUSES = ['issued', 'checked', 'boarded', 'refunded'] as const;

export const CoachTicketRecord = z
  .object({
    /** 票号 */
    ticketNumber: z.string(),
    holdId: z.string(),
    departureId: z.string(),
    /** The station the coach leaves from (where it is checked). */
    stationId: z.string(),
    /** 座位号, two digits */
    seat: z.string(),
    priceFen: Fen,
    status: z.enum(COACH_DEPT_TICKET_STATUSES),
    refundFeeFen: Fen.nullable(),
    refundedFen: Fen.nullable(),
    refundedAt: IsoDateTime.nullable(),
    checkedAt: IsoDateTime.nullable(),
    boardedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CoachDeptTicket', description: '车票' });
export type CoachTicketRecord = z.infer<typeof CoachTicketRecord>;

const Passenger = z.object({
  name: z.string().trim().min(1, '请填写乘客姓名').max(30, '乘客姓名过长'),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const parsed = parseResidentId(v);
      if (!parsed.ok)
        ctx.addIssue({ code: 'custom', message: `暂仅支持中华人民共和国第二代居民身份证：${parsed.message}` });
    }),
});

/** Why a ticket cannot be refunded, checked or boarded; `message` is the system's Chinese wording. */
export const COACH_REFUSALS = [
  'refunded',
  'checked',
  'boarded',
  'departed',
  'not-checked',
  'already-checked',
  'not-issued',
] as const;
const Refused = z.object({ outcome: z.literal('not-allowed'), reason: z.enum(COACH_REFUSALS), message: z.string() });
const NotFound = z.object({ outcome: z.literal('not-found') });

const Quote = z.object({ priceFen: Fen, feeFen: Fen, refundFen: Fen, rule: z.string() });

export const coachSpec = defineDepartment({
  id: 'coach',
  name: '广东省道路客运联网售票系统',
  catalogDepartmentIds: ['gd-transport'],
  operations: {
    stations: {
      summary: '客运站: the stations of a city',
      input: z.object({ cityCode: z.enum(CITY_CODES, '城市代码无效') }),
      output: z.object({ stations: z.array(CoachStationRecord) }),
      idempotent: true,
    },
    search: {
      summary: '班次查询: departures from a city to a city on a date (today and the next 9 days), by time',
      input: z
        .object({
          fromCity: z.enum(CITY_CODES, '城市代码无效'),
          toCity: z.enum(CITY_CODES, '城市代码无效'),
          date: LocalDate,
        })
        .refine((q) => q.fromCity !== q.toCity, { message: '出发城市与到达城市不能相同', path: ['toCity'] }),
      output: z.object({ departures: z.array(CoachDepartureRecord) }),
      idempotent: true,
    },
    departures: {
      summary: '班次详情: the current state (seats left, on sale) of up to 50 departures by id; unknown ids left out',
      input: z.object({ ids: z.array(DepartureId).min(1).max(50) }),
      output: z.object({ departures: z.array(CoachDepartureRecord) }),
      idempotent: true,
    },
    hold: {
      summary:
        '占座: hold seats on a departure for an order (seat numbers assigned, never more than the coach has); ' +
        'the hold lapses after 15 minutes unless tickets are issued on it (a write: never retried)',
      input: z.object({ departureId: DepartureId, count: z.number().int().min(1).max(COACH_MAX_TICKETS_PER_ORDER) }),
      output: z.discriminatedUnion('outcome', [
        z.object({
          outcome: z.literal('held'),
          holdId: z.string(),
          departure: CoachDepartureRecord,
          seats: z.array(z.string()),
          expiresAt: IsoDateTime,
        }),
        NotFound,
        z.object({ outcome: z.literal('not-on-sale') }),
        z.object({ outcome: z.literal('insufficient'), seatsLeft: z.number().int().min(0) }),
      ]),
      idempotent: false,
    },
    release: {
      summary: '释放座位: give a hold’s seats back (no effect once tickets are issued on it; repeating is harmless)',
      input: z.object({ holdId: HoldId }),
      output: z.object({ outcome: z.enum(['released', 'issued', 'not-found']) }),
      idempotent: true,
    },
    issue: {
      summary:
        '出票: issue the tickets of a hold to its passengers, in seat order. Idempotent by hold: a repeat answers ' +
        'the tickets first issued. A lapsed hold is issued if its seats (or as many others) are still free.',
      input: z.object({ holdId: HoldId, passengers: z.array(Passenger).min(1).max(COACH_MAX_TICKETS_PER_ORDER) }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('issued'), tickets: z.array(CoachTicketRecord) }),
        NotFound,
        z.object({ outcome: z.literal('seats-gone') }),
        z.object({ outcome: z.literal('departed') }),
        z.object({ outcome: z.literal('count-mismatch'), seats: z.number().int() }),
      ]),
      idempotent: true,
    },
    ticket: {
      summary: '车票状态: a ticket by its number, or null',
      input: z.object({ ticketNumber: TicketNumber }),
      output: z.object({ ticket: CoachTicketRecord.nullable() }),
      idempotent: true,
    },
    refundQuote: {
      summary: '退票试算: the fee and the refund if the ticket were refunded now (the system’s rule)',
      input: z.object({ ticketNumber: TicketNumber }),
      output: z.discriminatedUnion('outcome', [Quote.extend({ outcome: z.literal('quote') }), Refused, NotFound]),
      idempotent: true,
    },
    refund: {
      summary:
        '退票: refund a ticket if the refund is still the one the traveller agreed to; the seat goes back on sale. ' +
        'A repeat answers the first refund.',
      input: z.object({ ticketNumber: TicketNumber, expectedRefundFen: Fen }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('refunded'), ticket: CoachTicketRecord }),
        Quote.extend({ outcome: z.literal('changed') }),
        Refused,
        NotFound,
      ]),
      idempotent: true,
    },
    check: {
      summary: '验票: the departure station checks an issued ticket (a write: a repeat is refused as already checked)',
      input: z.object({ ticketNumber: TicketNumber, stationId: StationId }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('checked'), ticket: CoachTicketRecord }),
        z.object({ outcome: z.literal('wrong-station') }),
        Refused,
        NotFound,
      ]),
      idempotent: false,
    },
    board: {
      summary: '上车: the departure station boards a checked ticket (a write: boarding twice is refused)',
      input: z.object({ ticketNumber: TicketNumber, stationId: StationId }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('boarded'), ticket: CoachTicketRecord }),
        z.object({ outcome: z.literal('wrong-station') }),
        Refused,
        NotFound,
      ]),
      idempotent: false,
    },
  },
});
export type CoachSpec = typeof coachSpec;
