import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 智慧出行服务专区 (FEATURES D5): 行程订阅及天气, 高速动态, 附近路况, 铁路信息. The weather is the provincial
 * meteorological service's (广东省气象局), expressway events and city road congestion the transport department's
 * road-network centre (广东省交通运输厅路网监测与应急处置中心), trains the railway's (中国铁路广州局集团) — each a
 * department behind a connector. The citizen's saved trips (行程订阅) are the platform's, per account.
 * Dates are China dates (YYYY-MM-DD), times China time (HH:MM); instants ISO.
 */

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });
const LocalDate = z.iso.date({ error: '日期格式有误' });
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const IsoDateTime = z.iso.datetime({ offset: true });
const CityRef = z.object({ code: z.string(), name: z.string() }).meta({ id: 'TravelCity' });

// ---------------------------------------------------------------- weather (广东省气象局)

/** Days of forecast the meteorological service gives: today and the next 6. */
export const WEATHER_FORECAST_DAYS = 7;

export const WEATHER_KINDS = ['晴', '多云', '阴', '小雨', '阵雨', '雷阵雨', '中雨', '大雨', '暴雨', '雾'] as const;

/** Warning signals (预警信号) the sandbox issues, with the colours of the national standard. */
export const WEATHER_WARNING_TYPES = ['暴雨', '台风', '高温', '大风', '寒冷', '大雾', '雷雨大风'] as const;
export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

export const WeatherWarning = z
  .object({
    id: z.string(),
    type: z.enum(WEATHER_WARNING_TYPES),
    level: z.enum(WARNING_LEVELS),
    /** 广州市气象台发布暴雨黄色预警信号 */
    title: z.string(),
    /** 防御指南 (what to do), one sentence. */
    advice: z.string(),
    date: LocalDate,
  })
  .meta({ id: 'WeatherWarning', description: '气象预警信号' });
export type WeatherWarning = z.infer<typeof WeatherWarning>;

export const WeatherDay = z
  .object({
    date: LocalDate,
    weather: z.enum(WEATHER_KINDS),
    /** °C */
    high: z.number().int(),
    low: z.number().int(),
    /** 降水概率 % */
    rainChance: z.number().int().min(0).max(100),
    /** 东北风 */
    windDirection: z.string(),
    /** 风力 (级) */
    windLevel: z.number().int().min(0).max(17),
    warnings: z.array(WeatherWarning),
  })
  .meta({ id: 'WeatherDay', description: '一天的天气预报' });
export type WeatherDay = z.infer<typeof WeatherDay>;

export const WeatherQuery = z.object({ city: City }).strict();

export const CityForecast = z
  .object({
    city: CityRef,
    days: z.array(WeatherDay),
    /** 数据由…提供 */
    source: z.string(),
  })
  .meta({ id: 'CityForecast' });
export type CityForecast = z.infer<typeof CityForecast>;

/** The warnings in force in the province today (the zone's banner). */
export const WeatherWarningsResult = z
  .object({ date: LocalDate, warnings: z.array(WeatherWarning.extend({ city: CityRef })), source: z.string() })
  .meta({ id: 'WeatherWarningsResult' });
export type WeatherWarningsResult = z.infer<typeof WeatherWarningsResult>;

// ---------------------------------------------------------------- expressways (路网中心)

export const EXPRESSWAY_EVENT_KINDS = ['congestion', 'construction', 'accident', 'control', 'weather'] as const;
export type ExpresswayEventKind = (typeof EXPRESSWAY_EVENT_KINDS)[number];
export const EXPRESSWAY_EVENT_KIND_NAMES: Record<ExpresswayEventKind, string> = {
  congestion: '拥堵',
  construction: '施工',
  accident: '事故',
  control: '管制/封闭',
  weather: '恶劣天气',
};

const RoadCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[GS]\d{1,4}$/, '高速公路编号有误，如 G4、S2');

export const Expressway = z
  .object({
    /** G4 */
    code: z.string(),
    /** 京港澳高速 */
    name: z.string(),
    /** The cities it passes in Guangdong, in order. */
    cities: z.array(CityRef),
  })
  .meta({ id: 'Expressway', description: '高速公路（广东省内路段）' });
export type Expressway = z.infer<typeof Expressway>;

export const ExpresswayEvent = z
  .object({
    id: z.string(),
    kind: z.enum(EXPRESSWAY_EVENT_KINDS),
    kindName: z.string(),
    roadCode: z.string(),
    roadName: z.string(),
    /** 广州—清远段 */
    section: z.string(),
    fromCity: CityRef,
    toCity: CityRef,
    /** 往清远方向 / 双向 */
    direction: z.string(),
    /** K2050+300 */
    location: z.string(),
    description: z.string(),
    /** 拥堵长度 (km), for congestion only */
    lengthKm: z.number().nullable(),
    startsAt: IsoDateTime,
    /** 预计结束 (null: 结束时间待定) */
    expectedEndAt: IsoDateTime.nullable(),
    /** relative to the time asked: 进行中 / 未开始 / 已结束 */
    status: z.enum(['ongoing', 'planned', 'ended']),
  })
  .meta({ id: 'ExpresswayEvent', description: '高速路况事件' });
export type ExpresswayEvent = z.infer<typeof ExpresswayEvent>;

export const ExpresswayEventsQuery = z
  .object({ road: RoadCode.optional(), city: City.optional(), date: LocalDate.optional() })
  .strict();

export const ExpresswayEventsResult = z
  .object({ date: LocalDate, events: z.array(ExpresswayEvent), source: z.string() })
  .meta({ id: 'ExpresswayEventsResult' });
export type ExpresswayEventsResult = z.infer<typeof ExpresswayEventsResult>;

export const ExpresswayRouteQuery = z
  .object({ from: City, to: City, date: LocalDate.optional() })
  .strict()
  .refine((q) => q.from !== q.to, { message: '出发城市与到达城市不能相同', path: ['to'] });

export const ExpresswayLeg = z
  .object({ roadCode: z.string(), roadName: z.string(), fromCity: CityRef, toCity: CityRef })
  .meta({ id: 'ExpresswayLeg' });

export const ExpresswayRoute = z
  .object({
    from: CityRef,
    to: CityRef,
    date: LocalDate,
    /** The suggested expressways, city by city. */
    legs: z.array(ExpresswayLeg),
    events: z.array(ExpresswayEvent),
    source: z.string(),
  })
  .meta({ id: 'ExpresswayRoute', description: '两城市之间的高速路线及路况事件' });
export type ExpresswayRoute = z.infer<typeof ExpresswayRoute>;

// ---------------------------------------------------------------- nearby roads (附近路况)

export const ROAD_LEVELS = ['smooth', 'slow', 'congested', 'severe'] as const;
export type RoadLevel = (typeof ROAD_LEVELS)[number];
export const ROAD_LEVEL_NAMES: Record<RoadLevel, string> = {
  smooth: '畅通',
  slow: '缓行',
  congested: '拥堵',
  severe: '严重拥堵',
};

export const TravelDistrict = z
  .object({
    code: z.string(),
    name: z.string(),
    city: CityRef,
    lat: z.number(),
    lng: z.number(),
  })
  .meta({ id: 'TravelDistrict', description: '区县（含中心点坐标）' });
export type TravelDistrict = z.infer<typeof TravelDistrict>;

export const RoadDistrictsQuery = z.object({ city: City }).strict();

const DistrictCode = z.string().regex(/^44\d{4}$/, '区县代码有误');
const Lat = z.coerce.number({ error: '纬度有误' }).min(-90, '纬度有误').max(90, '纬度有误');
const Lng = z.coerce.number({ error: '经度有误' }).min(-180, '经度有误').max(180, '经度有误');

/** A district picked by hand, or the browser's position (the nearest district is used). */
export const NearbyRoadsQuery = z
  .object({ district: DistrictCode.optional(), lat: Lat.optional(), lng: Lng.optional() })
  .strict()
  .refine((q) => q.district !== undefined || (q.lat !== undefined && q.lng !== undefined), {
    message: '请选择区县，或允许获取您的位置',
    path: ['district'],
  });

export const RoadCondition = z
  .object({
    name: z.string(),
    /** 体育西路口—天河立交 */
    section: z.string(),
    level: z.enum(ROAD_LEVELS),
    levelName: z.string(),
    /** 平均车速 km/h */
    speedKmh: z.number().int(),
  })
  .meta({ id: 'RoadCondition' });
export type RoadCondition = z.infer<typeof RoadCondition>;

export const NearbyRoads = z
  .object({
    district: TravelDistrict,
    /** From the position given to the district's centre (km), when a position was given. */
    distanceKm: z.number().nullable(),
    roads: z.array(RoadCondition),
    updatedAt: IsoDateTime,
    source: z.string(),
  })
  .meta({ id: 'NearbyRoads', description: '附近路况' });
export type NearbyRoads = z.infer<typeof NearbyRoads>;

// ---------------------------------------------------------------- railway (广铁集团)

export const RAILWAY_TICKET_NOTE =
  '本服务仅提供列车信息查询，不出售车票。购票、改签、退票请通过中国铁路12306网站（www.12306.cn）、铁路12306客户端或车站售票窗口办理。';

export const TRAIN_STATUSES = ['on-time', 'delayed', 'cancelled'] as const;
export type TrainStatus = (typeof TRAIN_STATUSES)[number];

export const RailStation = z
  .object({ id: z.string(), name: z.string(), city: CityRef })
  .meta({ id: 'RailStation', description: '火车站' });
export type RailStation = z.infer<typeof RailStation>;

export const TRAIN_NUMBER_PATTERN = /^[GDC]\d{1,4}$/;
export const TrainNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TRAIN_NUMBER_PATTERN, '车次有误，如 G6101、D7301、C7601');

/** A station id (guangzhounan) or a city code (all the city's stations). */
const StationOrCity = z
  .string()
  .trim()
  .min(1, '请选择车站')
  .max(20, '车站有误')
  .regex(/^([a-z]+|\d{6})$/, '车站有误');

export const RailTrainsQuery = z
  .object({ from: StationOrCity, to: StationOrCity, date: LocalDate })
  .strict()
  .refine((q) => q.from !== q.to, { message: '出发站与到达站不能相同', path: ['to'] });

export const RailTrainQuery = z.object({ date: LocalDate.optional() }).strict();

const StatusFields = {
  status: z.enum(TRAIN_STATUSES),
  /** 正点 / 晚点12分钟 / 停运 */
  statusText: z.string(),
  delayMinutes: z.number().int().min(0),
};

export const TrainStop = z
  .object({
    station: RailStation,
    arrives: LocalTime.nullable(),
    departs: LocalTime.nullable(),
    /** 检票口 at this station (departures only) */
    gate: z.string().nullable(),
  })
  .meta({ id: 'TrainStop' });

/** A train between two stations on a date. */
export const RailTrain = z
  .object({
    number: z.string(),
    date: LocalDate,
    from: RailStation,
    to: RailStation,
    departs: LocalTime,
    arrives: LocalTime,
    durationMinutes: z.number().int().positive(),
    /** 始发站 and 终到站 of the whole run */
    origin: z.string(),
    terminus: z.string(),
    /** 检票口 at the departure station */
    gate: z.string(),
    ...StatusFields,
  })
  .meta({ id: 'RailTrain' });
export type RailTrain = z.infer<typeof RailTrain>;

export const RailTrainsResult = z
  .object({ date: LocalDate, trains: z.array(RailTrain), note: z.string(), source: z.string() })
  .meta({ id: 'RailTrainsResult' });
export type RailTrainsResult = z.infer<typeof RailTrainsResult>;

export const RailTrainDetail = z
  .object({
    number: z.string(),
    date: LocalDate,
    stops: z.array(TrainStop),
    note: z.string(),
    source: z.string(),
    ...StatusFields,
  })
  .meta({ id: 'RailTrainDetail' });
export type RailTrainDetail = z.infer<typeof RailTrainDetail>;

// ---------------------------------------------------------------- trips (行程订阅, the platform's)

export const TRIP_MODES = ['drive', 'rail', 'flight', 'coach'] as const;
export type TripMode = (typeof TRIP_MODES)[number];
export const TRIP_MODE_NAMES: Record<TripMode, string> = { drive: '自驾', rail: '铁路', flight: '航班', coach: '汽运' };

/** Active (today or later) trips one account may keep. */
export const MAX_TRIPS = 20;
/** How far ahead a trip may be planned (days after today). */
export const TRIP_MAX_DAYS_AHEAD = 60;

export const FLIGHT_NUMBER_PATTERN = /^([A-Z]{2}|[A-Z]\d|\d[A-Z])\d{1,4}$/;

export const TripInput = z
  .object({
    fromCity: City,
    toCity: City,
    date: LocalDate,
    mode: z.enum(TRIP_MODES, { error: '请选择出行方式' }),
    trainNumber: TrainNumber.optional(),
    flightNumber: z.string().trim().toUpperCase().regex(FLIGHT_NUMBER_PATTERN, '航班号有误，如 CZ3101').optional(),
  })
  .strict()
  .refine((t) => t.fromCity !== t.toCity, { message: '出发城市与到达城市不能相同', path: ['toCity'] })
  .refine((t) => t.trainNumber === undefined || t.mode === 'rail', {
    message: '只有铁路行程可以填写车次',
    path: ['trainNumber'],
  })
  .refine((t) => t.flightNumber === undefined || t.mode === 'flight', {
    message: '只有航班行程可以填写航班号',
    path: ['flightNumber'],
  });
export type TripInput = z.input<typeof TripInput>;

export const Trip = z
  .object({
    id: z.string(),
    fromCity: CityRef,
    toCity: CityRef,
    date: LocalDate,
    mode: z.enum(TRIP_MODES),
    modeName: z.string(),
    trainNumber: z.string().nullable(),
    flightNumber: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Trip', description: '订阅的行程' });
export type Trip = z.infer<typeof Trip>;

export const TripList = z.object({ items: z.array(Trip), max: z.number().int() }).meta({ id: 'TripList' });
export type TripList = z.infer<typeof TripList>;

export const TRIP_PARTS = ['weather', 'expressway', 'train'] as const;

export const TripDetail = z
  .object({
    trip: Trip,
    /** Weather on the trip's date at departure and destination; null when the date is past the 7-day forecast. */
    weather: z.object({ from: WeatherDay.nullable(), to: WeatherDay.nullable() }),
    /** 自驾: the expressways and their events that day. */
    expressway: ExpresswayRoute.nullable(),
    /** 铁路 with a train number: the train between the two cities that day (null: it does not run between them). */
    train: RailTrain.nullable(),
    /** Parts whose department did not answer (shown as 暂时无法获取). */
    unavailable: z.array(z.enum(TRIP_PARTS)),
  })
  .meta({ id: 'TripDetail' });
export type TripDetail = z.infer<typeof TripDetail>;

export const TripIdParam = z.object({ id: z.uuid({ error: '行程编号有误' }) });
