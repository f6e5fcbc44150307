import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { PaymentStatus } from './payments.js';
import { parseResidentId } from './validators/resident-id.js';

/**
 * 长途车 (D1): coach tickets for departures from a station in Guangdong — search (购票查询), order and pay
 * (订单确认 → 支付), the e-ticket shown at the station (验票, then 上车), and refunds (退票). The seats, the
 * timetable and the tickets belong to the province's coach ticketing system (省道路客运联网售票系统, a
 * department behind a connector); the platform keeps the citizen's order, its payment and the e-ticket's
 * signed QR code.
 *
 * The guide's rules (购票须知): no half-price or child tickets and no changes (改签) online — at the station before
 * departure; every passenger carries valid ID; at most 5 tickets per order; second-generation resident ID cards
 * only. Times are China time (UTC+8): `date` and `time` are local, `departsAt` the same instant in ISO.
 */

export const COACH_MAX_TICKETS_PER_ORDER = 5;

/** The guide's 购票须知, shown before ordering. */
export const COACH_NOTICE = [
  '暂不支持半票、儿童票、改签服务，如有需要请在发车前前往各客运站办理',
  '需各乘客携带有效证件乘车',
  '一个订单最多可购买5张车票，暂仅支持中华人民共和国第二代居民身份证购买',
] as const;

/**
 * 退票 rule of the sandbox ticketing system (a real province publishes its own; the department answers the fee,
 * the platform never computes it): more than 24 h before departure 5 %, 2–24 h 10 %, less than 2 h 20 %; after
 * departure or once checked, no online refund (at the station). Shown to the citizen as the department words it.
 */
export const COACH_REFUND_RULE_TEXT =
  '发车前24小时以上退票收取票价5%的退票费，发车前2至24小时收取10%，发车前2小时内收取20%；已检票或已发车的车票不能在线退票，请到客运站办理。';

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });
const LocalDate = z.iso.date({ error: '日期格式有误' });
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Fen = z.number().int().meta({ description: '金额（分）' });

export const CoachStation = z
  .object({
    id: z.string(),
    name: z.string(),
    cityCode: z.string(),
    cityName: z.string(),
    address: z.string(),
  })
  .meta({ id: 'CoachStation' });
export type CoachStation = z.infer<typeof CoachStation>;

export const CoachStationsQuery = z.object({ city: City }).strict();

/** 购票查询: departures from a city to a city on a date. */
export const CoachSearchQuery = z
  .object({
    from: City,
    to: City,
    date: LocalDate,
  })
  .strict()
  .refine((q) => q.from !== q.to, { message: '出发城市与到达城市不能相同', path: ['to'] });

export const CoachDeparture = z
  .object({
    /** The ticketing system's 班次 id (opaque). */
    id: z.string(),
    /** 班次号, e.g. GZ1030A */
    runNumber: z.string(),
    fromStation: CoachStation,
    /** 到达站 */
    toStationName: z.string(),
    toCityCode: z.string(),
    toCityName: z.string(),
    date: LocalDate,
    time: LocalTime,
    departsAt: z.iso.datetime(),
    /** 约N小时N分 */
    durationMinutes: z.number().int(),
    /** 车型, e.g. 大型高一级 */
    coachType: z.string(),
    priceFen: Fen,
    seatsLeft: z.number().int(),
    /** Still sold online (not departed, not within the system's cut-off, seats left). */
    onSale: z.boolean(),
  })
  .meta({ id: 'CoachDeparture' });
export type CoachDeparture = z.infer<typeof CoachDeparture>;

export const CoachSearchResult = z
  .object({
    fromCityName: z.string(),
    toCityName: z.string(),
    date: LocalDate,
    departures: z.array(CoachDeparture),
  })
  .meta({ id: 'CoachSearchResult' });
export type CoachSearchResult = z.infer<typeof CoachSearchResult>;

/** A passenger as typed in; only a valid second-generation resident ID number is accepted. */
export const CoachPassengerInput = z
  .object({
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
  })
  .strict();
export type CoachPassengerInput = z.input<typeof CoachPassengerInput>;

export const CreateCoachOrderInput = z
  .object({
    departureId: z.string().min(1, '请选择班次').max(80),
    passengers: z
      .array(CoachPassengerInput)
      .min(1, '请添加乘客')
      .max(COACH_MAX_TICKETS_PER_ORDER, '一个订单最多可购买5张车票')
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          const id = p.idNumber.trim().toUpperCase();
          if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i, 'idNumber'], message: '同一乘客不能重复购票' });
          seen.add(id);
        });
      }),
    /** Chosen by the app once per attempt: a retry returns the first order instead of a second. */
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'CreateCoachOrderInput' });
export type CreateCoachOrderInput = z.input<typeof CreateCoachOrderInput>;

/**
 * A ticket's life: `unpaid` (seat held while the order awaits payment), `issued` (待检票), `checked` (已检票,
 * at the gate), `boarded` (已上车), `refunded` (已退票), `void` (the order closed unpaid, or issuing failed).
 */
export const COACH_TICKET_STATUSES = ['unpaid', 'issued', 'checked', 'boarded', 'refunded', 'void'] as const;
export const CoachTicketStatus = z.enum(COACH_TICKET_STATUSES).meta({ id: 'CoachTicketStatus' });
export type CoachTicketStatus = z.infer<typeof CoachTicketStatus>;

export const COACH_TICKET_STATUS_LABELS = {
  unpaid: { label: '待支付', labelEn: 'Awaiting payment' },
  issued: { label: '待检票', labelEn: 'Ready to check' },
  checked: { label: '已检票', labelEn: 'Checked' },
  boarded: { label: '已上车', labelEn: 'Boarded' },
  refunded: { label: '已退票', labelEn: 'Refunded' },
  void: { label: '已失效', labelEn: 'Void' },
} as const satisfies Record<CoachTicketStatus, { label: string; labelEn: string }>;

export const CoachTicket = z
  .object({
    id: z.uuid(),
    /** 票号 from the ticketing system, once issued. */
    ticketNumber: z.string().nullable(),
    /** 座位号 */
    seat: z.string(),
    passengerNameMasked: z.string(),
    passengerIdMasked: z.string(),
    priceFen: Fen,
    status: CoachTicketStatus,
    statusLabel: z.string(),
    /** Issued, not checked, not departed. */
    canRefund: z.boolean(),
    /** Issued or checked, and not yet two hours after departure: the e-ticket QR can be shown. */
    canShow: z.boolean(),
    refundFeeFen: Fen.nullable(),
    refundedFen: Fen.nullable(),
    refundedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CoachTicket' });
export type CoachTicket = z.infer<typeof CoachTicket>;

/** awaiting_payment → paid (tickets issued) | closed (never paid) | failed (issuing failed, refunded). */
export const COACH_ORDER_STATUSES = ['awaiting_payment', 'paid', 'closed', 'failed'] as const;
export const CoachOrderStatus = z.enum(COACH_ORDER_STATUSES).meta({ id: 'CoachOrderStatus' });
export type CoachOrderStatus = z.infer<typeof CoachOrderStatus>;

export const COACH_ORDER_STATUS_LABELS = {
  awaiting_payment: { label: '待支付', labelEn: 'Awaiting payment' },
  paid: { label: '已出票', labelEn: 'Tickets issued' },
  closed: { label: '已关闭', labelEn: 'Closed' },
  failed: { label: '出票失败，已退款', labelEn: 'Issuing failed; refunded' },
} as const satisfies Record<CoachOrderStatus, { label: string; labelEn: string }>;

export const CoachOrder = z
  .object({
    id: z.uuid(),
    /** 订单号 */
    orderNumber: z.string(),
    departure: CoachDeparture,
    tickets: z.array(CoachTicket),
    totalFen: Fen,
    status: CoachOrderStatus,
    statusLabel: z.string(),
    /** The payment order to pay (or that was paid): /pay/<paymentId> in the app. */
    paymentId: z.uuid(),
    paymentStatus: PaymentStatus,
    /** When the held seats are released if unpaid. */
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    /** Awaiting payment and not expired. */
    canCancel: z.boolean(),
  })
  .meta({ id: 'CoachOrder' });
export type CoachOrder = z.infer<typeof CoachOrder>;

/** 退票 quote: what the ticketing system would keep and give back, asked before the citizen confirms. */
export const CoachRefundQuote = z
  .object({
    ticketId: z.uuid(),
    priceFen: Fen,
    feeFen: Fen,
    refundFen: Fen,
    rule: z.string(),
  })
  .meta({ id: 'CoachRefundQuote' });
export type CoachRefundQuote = z.infer<typeof CoachRefundQuote>;

export const CoachRefundInput = z
  .object({
    /** The refund the citizen agreed to; refused with COACH_REFUND_CHANGED if the quote changed since. */
    expectedRefundFen: z.number().int().min(0),
  })
  .strict()
  .meta({ id: 'CoachRefundInput' });

/** The e-ticket as a QR code, signed by the platform; refreshed by the app while shown. */
export const CoachTicketQr = z
  .object({
    /** `YSST1:` + a compact JWS (ES256). */
    qr: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'CoachTicketQr' });
export type CoachTicketQr = z.infer<typeof CoachTicketQr>;

export const COACH_TICKET_QR_PREFIX = 'YSST1:';

// ---------------------------------------------------------------------------------------------------------------
// Station (a member of a verifier organisation of kind coach-station): scan → 验票 → 上车
// ---------------------------------------------------------------------------------------------------------------

export const CoachTicketScanInput = z
  .object({ qr: z.string().min(1, '请扫描电子车票二维码').max(4000, '二维码内容过长') })
  .strict()
  .meta({ id: 'CoachTicketScanInput' });

export const COACH_SCAN_VERDICTS = [
  'valid',
  'invalid-code',
  'expired-code',
  'not-found',
  'wrong-station',
  'refunded',
  'void',
  'already-boarded',
  'departed',
] as const;

export const COACH_SCAN_VERDICT_NAMES = {
  valid: '有效车票',
  'invalid-code': '无效的电子车票二维码',
  'expired-code': '二维码已过期，请乘客刷新后重新出示',
  'not-found': '查无此票',
  'wrong-station': '非本站发车的车票',
  refunded: '该车票已退票',
  void: '该车票已失效',
  'already-boarded': '该车票已上车，请勿重复使用',
  departed: '该班次已发车',
} as const satisfies Record<(typeof COACH_SCAN_VERDICTS)[number], string>;

export const CoachTicketScanResult = z
  .object({
    verdict: z.enum(COACH_SCAN_VERDICTS),
    verdictName: z.string(),
    /** Present when the code was genuine and the ticket found (whatever the verdict). */
    ticket: z
      .object({
        id: z.uuid(),
        ticketNumber: z.string(),
        runNumber: z.string(),
        fromStationName: z.string(),
        toStationName: z.string(),
        date: LocalDate,
        time: LocalTime,
        seat: z.string(),
        passengerNameMasked: z.string(),
        /** Last four characters only: the clerk compares it with the ID card in hand. */
        passengerIdLast4: z.string(),
        status: CoachTicketStatus,
        statusLabel: z.string(),
        canCheck: z.boolean(),
        canBoard: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'CoachTicketScanResult' });
export type CoachTicketScanResult = z.infer<typeof CoachTicketScanResult>;
