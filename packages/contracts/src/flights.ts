import { z } from 'zod';

/**
 * 航班服务 and 航班在线值机 (D5). The guide: 智慧出行服务专区 … 航班服务信息 … 办理航班在线值机 (picture: 航班服务及交通
 * 指引). Flights, airports and the bookings are the civil-aviation sandbox's (机场集团 / airlines, department
 * `flights`); the platform stores nothing of them. Times are ISO with the China offset (+08:00).
 */

export const FLIGHT_SERVICE_ID = 'hangban-fuwu';
export const FLIGHT_CHECK_IN_SERVICE_ID = 'hangban-zaixian-zhiji';

/** The airlines' online check-in rules where the guide is silent (stated on the page in these words). */
export const FLIGHT_CHECK_IN_RULES = {
  opensHoursBefore: 48,
  closesMinutesBefore: 45,
  /** Boarding starts this long before the (estimated) departure; the gate closes 15 minutes before it. */
  boardingMinutesBefore: 40,
} as const;

export const FLIGHT_CHECK_IN_RULES_TEXT = [
  `航班计划起飞前${FLIGHT_CHECK_IN_RULES.opensHoursBefore}小时开放在线值机，起飞前${FLIGHT_CHECK_IN_RULES.closesMinutesBefore}分钟关闭。`,
  '每位旅客每个航段只能办理一次值机；值机关闭前可取消值机后重新选座。',
  '紧急出口座位须由年满15周岁、能够协助应急撤离的旅客在机场值机柜台办理，不提供在线选择；公务舱座位不在此选择。',
  `请于起飞前${FLIGHT_CHECK_IN_RULES.boardingMinutesBefore}分钟到达登机口，登机口于起飞前15分钟关闭；有托运行李的旅客请于值机关闭前到机场柜台办理交运。`,
] as const;

export const FLIGHT_STATUSES = [
  'scheduled',
  'check-in',
  'boarding',
  'departed',
  'delayed',
  'cancelled',
  'arrived',
] as const;
export type FlightStatus = (typeof FLIGHT_STATUSES)[number];
export const FLIGHT_STATUS_LABELS: Record<FlightStatus, string> = {
  scheduled: '计划',
  'check-in': '值机中',
  boarding: '登机中',
  departed: '已起飞',
  delayed: '延误',
  cancelled: '取消',
  arrived: '到达',
};

/** 广东省内的民用机场 (IATA). */
export const GD_AIRPORT_CODES = ['CAN', 'SZX', 'ZUH', 'SWA', 'ZHA', 'MXZ', 'HUZ', 'HSC'] as const;
export type GdAirportCode = (typeof GD_AIRPORT_CODES)[number];

const IsoDateTime = z.iso.datetime({ offset: true });
const LocalDate = z.iso.date({ error: '日期格式有误' });

/** 航班号: two-character airline code and 3–4 digits (CZ3101, 3U8731); spaces and lower case accepted. */
export const FlightNumber = z
  .string({ error: '请输入航班号' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^(?=[A-Z0-9]{2}\d)[A-Z0-9]{2}\d{3,4}$/, '请输入正确的航班号，如CZ3101'));

/** 客票号: the airline's 3-digit code, a hyphen and 10 digits (784-2156731234). */
export const TicketNumber = z.string().regex(/^\d{3}-\d{10}$/, '客票号有误');

export const AirportPlace = z
  .object({ code: z.string(), name: z.string(), city: z.string() })
  .meta({ id: 'FlightAirportPlace', description: '机场 (代码、名称、城市)' });

export const TransportGuide = z.object({
  /** 地铁 / 城际 / 机场大巴 / 出租车 / 自驾 */
  mode: z.enum(['metro', 'rail', 'bus', 'taxi', 'car']),
  title: z.string(),
  detail: z.string(),
});

export const Airport = z
  .object({
    code: z.string(),
    name: z.string(),
    city: z.string(),
    cityCode: z.string(),
    address: z.string(),
    terminals: z.array(z.string()),
    /** 问询电话 */
    phone: z.string(),
    guide: z.array(TransportGuide),
  })
  .meta({ id: 'FlightAirport', description: '机场与交通指引' });
export type Airport = z.infer<typeof Airport>;

export const Flight = z
  .object({
    /** `${flightNo}-${date}` */
    id: z.string(),
    flightNo: z.string(),
    airline: z.object({ code: z.string(), name: z.string() }),
    /** The China date of the scheduled departure. */
    date: LocalDate,
    from: AirportPlace,
    to: AirportPlace,
    aircraft: z.string(),
    scheduledDeparture: IsoDateTime,
    estimatedDeparture: IsoDateTime.nullable(),
    scheduledArrival: IsoDateTime,
    estimatedArrival: IsoDateTime.nullable(),
    delayMinutes: z.number().int().min(0),
    departureTerminal: z.string(),
    arrivalTerminal: z.string(),
    /** 值机柜台, e.g. 'G01-G12' (null when cancelled). */
    checkInCounters: z.string().nullable(),
    /** 登机口 (null when cancelled). */
    gate: z.string().nullable(),
    /** 行李转盘 at the arrival airport (null until arrived). */
    baggageBelt: z.string().nullable(),
    status: z.enum(FLIGHT_STATUSES),
    statusLabel: z.string(),
  })
  .meta({ id: 'Flight', description: '航班动态' });
export type Flight = z.infer<typeof Flight>;

export const FlightStatusQuery = z.object({ flightNo: FlightNumber, date: LocalDate.optional() }).strict();

export const FlightBoardQuery = z
  .object({
    airport: z.enum(GD_AIRPORT_CODES, { error: '请选择广东省内的机场' }),
    direction: z.enum(['departures', 'arrivals'], { error: '请选择出发或到达' }),
    date: LocalDate.optional(),
  })
  .strict();

export const FlightBoard = z
  .object({
    airport: Airport,
    direction: z.enum(['departures', 'arrivals']),
    date: LocalDate,
    flights: z.array(Flight),
  })
  .meta({ id: 'FlightBoard', description: '机场航班起降' });
export type FlightBoard = z.infer<typeof FlightBoard>;

/** The check-in window of a segment (from the airline's rule). */
export const CheckInWindow = z.object({
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  state: z.enum(['not-yet', 'open', 'closed']),
});

export const BoardingPass = z
  .object({
    flightNo: z.string(),
    date: LocalDate,
    from: AirportPlace,
    to: AirportPlace,
    departureTerminal: z.string(),
    seat: z.string(),
    cabin: z.string(),
    gate: z.string().nullable(),
    boardingTime: IsoDateTime,
    departureTime: IsoDateTime,
    /** 登机序号 */
    sequence: z.number().int().min(1),
    passengerNameMasked: z.string(),
    ticketNumber: z.string(),
    /** `YSBP1:` + a compact JWS (ES256) signed by the airline's key (JWKS at /api/v1/flights/boarding-pass-keys). */
    qr: z.string(),
  })
  .meta({ id: 'BoardingPass', description: '电子登机牌' });
export type BoardingPass = z.infer<typeof BoardingPass>;

export const FlightBooking = z
  .object({
    ticketNumber: z.string(),
    /** 订座记录编号 */
    pnr: z.string(),
    passengerNameMasked: z.string(),
    idNumberMasked: z.string(),
    cabin: z.string(),
    flight: Flight,
    window: CheckInWindow,
    checkIn: z.object({ seat: z.string(), checkedInAt: IsoDateTime, boardingPass: BoardingPass }).nullable(),
  })
  .meta({ id: 'FlightBooking', description: '航班客票 (本人)' });
export type FlightBooking = z.infer<typeof FlightBooking>;

export const FlightBookings = z
  .object({ bookings: z.array(FlightBooking), rules: z.array(z.string()) })
  .meta({ id: 'FlightBookings' });
export type FlightBookings = z.infer<typeof FlightBookings>;

/** A seat on the seat map: free, taken, or not offered online (exit rows, business class). */
export const SEAT_STATES = ['free', 'taken', 'exit', 'premium', 'mine'] as const;
export const SeatMap = z
  .object({
    ticketNumber: z.string(),
    flightNo: z.string(),
    aircraft: z.string(),
    letters: z.array(z.string()),
    rows: z.array(
      z.object({
        row: z.number().int(),
        exit: z.boolean(),
        seats: z.array(z.object({ seat: z.string(), state: z.enum(SEAT_STATES) })),
      }),
    ),
  })
  .meta({ id: 'FlightSeatMap', description: '座位图' });
export type SeatMap = z.infer<typeof SeatMap>;

export const TicketParams = z.object({ ticketNumber: TicketNumber }).strict();

export const CheckInInput = z
  .object({ seat: z.string({ error: '请选择座位' }).regex(/^\d{1,2}[A-K]$/, '请选择座位') })
  .strict()
  .meta({ id: 'FlightCheckInInput' });
export type CheckInInput = z.infer<typeof CheckInInput>;

export const BoardingPassKeys = z
  .object({
    keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string() })),
  })
  .meta({ id: 'BoardingPassKeys', description: '航空公司登机牌签名公钥 (JWKS)' });

export const BOARDING_PASS_QR_PREFIX = 'YSBP1:';
