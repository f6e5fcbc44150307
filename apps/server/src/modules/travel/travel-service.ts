import {
  CITIES,
  type CityForecast,
  type ExpresswayEventsResult,
  type ExpresswayRoute,
  MAX_TRIPS,
  type NearbyRoads,
  RAILWAY_TICKET_NOTE,
  type RailTrain,
  type RailTrainDetail,
  type RailTrainsResult,
  TRIP_MAX_DAYS_AHEAD,
  TRIP_MODE_NAMES,
  type TRIP_PARTS,
  type Trip,
  type TripDetail,
  type TripInput,
  type TripList,
  type WeatherWarningsResult,
} from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { isDepartmentFailure } from '../../departments/framework/errors.js';
import { addChinaDays, chinaDateOf, chinaDaysBetween } from '../../departments/kit/seeded.js';
import { railwaySpec } from '../../departments/railway/contract.js';
import type { Departments } from '../../departments/registry.js';
import { roadNetworkSpec } from '../../departments/road-network/contract.js';
import { weatherSpec } from '../../departments/weather/contract.js';
import { AppError } from '../../http/app-error.js';

const cityRef = (code: string) => ({ code, name: CITIES.find((c) => c.code === code)?.name ?? code });

/** How far back and ahead the information routes answer (China days from today). */
export const EXPRESSWAY_DAYS = { back: 1, ahead: 7 } as const;
/** 12306 sells 15 days ahead; the timetable answers that far (and yesterday, for a late train). */
export const RAILWAY_DAYS = { back: 1, ahead: 14 } as const;

type Part = (typeof TRIP_PARTS)[number];

/**
 * 智慧出行: the public information (weather, expressways, city roads, trains) read from the departments, and the
 * citizen's saved trips (行程订阅) with what each trip needs to know on its date.
 */
export class TravelService {
  private readonly db: Db;
  private readonly departments: Pick<Departments, 'weather' | 'roadNetwork' | 'railway'>;
  private readonly now: () => Date;

  constructor(d: { db: Db; departments: Pick<Departments, 'weather' | 'roadNetwork' | 'railway'>; now?: () => Date }) {
    this.db = d.db;
    this.departments = d.departments;
    this.now = d.now ?? (() => new Date());
  }

  today(): string {
    return chinaDateOf(this.now());
  }

  private dateIn(date: string | undefined, range: { back: number; ahead: number }): string {
    const today = this.today();
    if (date === undefined) return today;
    const ahead = chinaDaysBetween(today, date);
    if (ahead < -range.back || ahead > range.ahead) {
      throw new AppError(
        'TRAVEL_DATE_OUT_OF_RANGE',
        `只能查询${addChinaDays(today, -range.back)}至${addChinaDays(today, range.ahead)}的信息，请重新选择日期。`,
      );
    }
    return date;
  }

  // ---------------------------------------------------------------- weather
  async forecast(city: string): Promise<CityForecast> {
    const { days } = await this.departments.weather.client.forecast({ cityCode: city as never });
    return { city: cityRef(city), days, source: weatherSpec.name };
  }

  async warnings(): Promise<WeatherWarningsResult> {
    const r = await this.departments.weather.client.warnings({});
    return {
      date: r.date,
      warnings: r.warnings.map(({ cityCode, ...w }) => ({ ...w, city: cityRef(cityCode) })),
      source: weatherSpec.name,
    };
  }

  // ---------------------------------------------------------------- expressways
  async expressways() {
    return (await this.departments.roadNetwork.client.expressways({})).roads;
  }

  async events(q: { road?: string; city?: string; date?: string }): Promise<ExpresswayEventsResult> {
    const date = this.dateIn(q.date, EXPRESSWAY_DAYS);
    if (q.road !== undefined) {
      const roads = await this.expressways();
      if (!roads.some((r) => r.code === q.road)) {
        throw new AppError('EXPRESSWAY_NOT_FOUND', `没有找到编号为 ${q.road} 的广东省内高速公路，请从列表中选择。`);
      }
    }
    const { events } = await this.departments.roadNetwork.client.events({
      date,
      roadCode: q.road,
      cityCode: q.city as never,
    });
    return { date, events, source: roadNetworkSpec.name };
  }

  async route(from: string, to: string, dateAsked: string | undefined): Promise<ExpresswayRoute> {
    const date = this.dateIn(dateAsked, EXPRESSWAY_DAYS);
    const r = await this.departments.roadNetwork.client.route({ fromCity: from as never, toCity: to as never, date });
    return { from: cityRef(from), to: cityRef(to), date, legs: r.legs, events: r.events, source: roadNetworkSpec.name };
  }

  // ---------------------------------------------------------------- city roads
  async districts(city: string) {
    return (await this.departments.roadNetwork.client.districts({ cityCode: city as never })).districts;
  }

  async nearby(q: { district?: string; lat?: number; lng?: number }): Promise<NearbyRoads> {
    const input =
      q.district !== undefined ? { districtCode: q.district } : { lat: q.lat as number, lng: q.lng as number };
    const r = await this.departments.roadNetwork.client.nearby(input);
    if (r.outcome === 'not-found') {
      throw new AppError('TRAVEL_DISTRICT_NOT_FOUND', '暂无该区县的路况信息，请重新选择城市和区县。');
    }
    if (r.outcome === 'outside') {
      throw new AppError('TRAVEL_LOCATION_OUTSIDE', '您当前的位置不在广东省内的城区附近，请手动选择城市和区县。');
    }
    const { outcome: _, ...rest } = r;
    return { ...rest, source: roadNetworkSpec.name };
  }

  // ---------------------------------------------------------------- railway
  async stations() {
    return (await this.departments.railway.client.stations({})).stations;
  }

  async trains(from: string, to: string, dateAsked: string): Promise<RailTrainsResult> {
    const date = this.dateIn(dateAsked, RAILWAY_DAYS);
    const r = await this.departments.railway.client.trains({ from, to, date });
    if (r.outcome === 'unknown-station') {
      throw new AppError(
        'RAIL_STATION_NOT_FOUND',
        r.which === 'from' ? '没有找到出发站，请从列表中选择车站。' : '没有找到到达站，请从列表中选择车站。',
      );
    }
    return { date, trains: r.trains, note: RAILWAY_TICKET_NOTE, source: railwaySpec.name };
  }

  async train(number: string, dateAsked: string | undefined): Promise<RailTrainDetail> {
    const date = this.dateIn(dateAsked, RAILWAY_DAYS);
    const { train } = await this.departments.railway.client.train({ number, date });
    if (!train) throw new AppError('TRAIN_NOT_FOUND', `未查询到${date}的${number}次列车，请核对车次和日期。`);
    return { ...train, note: RAILWAY_TICKET_NOTE, source: railwaySpec.name };
  }

  // ---------------------------------------------------------------- trips
  private present(r: {
    id: string;
    from_city: string;
    to_city: string;
    trip_date: string;
    mode: Trip['mode'];
    train_number: string | null;
    flight_number: string | null;
    created_at: Date;
  }): Trip {
    return {
      id: r.id,
      fromCity: cityRef(r.from_city),
      toCity: cityRef(r.to_city),
      date: r.trip_date,
      mode: r.mode,
      modeName: TRIP_MODE_NAMES[r.mode],
      trainNumber: r.train_number,
      flightNumber: r.flight_number,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  private selectTrips(db: Db) {
    return db
      .selectFrom('travel_trips')
      .select(['id', 'from_city', 'to_city', 'mode', 'train_number', 'flight_number', 'created_at'])
      .select(sql<string>`to_char(trip_date, 'YYYY-MM-DD')`.as('trip_date'));
  }

  /** Past trips are not kept: deleted when their owner next lists or saves. */
  private async purgePast(db: Db, accountId: string) {
    await db
      .deleteFrom('travel_trips')
      .where('account_id', '=', accountId)
      .where('trip_date', '<', this.today())
      .execute();
  }

  async listTrips(accountId: string): Promise<TripList> {
    await this.purgePast(this.db, accountId);
    const rows = await this.selectTrips(this.db)
      .where('account_id', '=', accountId)
      .orderBy('trip_date')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return { items: rows.map((r) => this.present(r)), max: MAX_TRIPS };
  }

  async createTrip(accountId: string, input: TripInput & { mode: Trip['mode'] }): Promise<Trip> {
    const today = this.today();
    const ahead = chinaDaysBetween(today, input.date);
    if (ahead < 0) throw new AppError('TRIP_DATE_INVALID', '出行日期不能早于今天，请重新选择。');
    if (ahead > TRIP_MAX_DAYS_AHEAD) {
      throw new AppError('TRIP_DATE_INVALID', `最多可订阅${TRIP_MAX_DAYS_AHEAD}天内的行程，请重新选择出行日期。`);
    }
    return this.db.transaction().execute(async (tx) => {
      // One writer per account at a time, so the limit holds under concurrent saves.
      await tx.selectFrom('identity_accounts').select('id').where('id', '=', accountId).forUpdate().execute();
      await this.purgePast(tx, accountId);
      const { n } = await tx
        .selectFrom('travel_trips')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_TRIPS) {
        throw new AppError('TRIP_LIMIT', `最多可订阅${MAX_TRIPS}个行程，请先删除不需要的行程。`);
      }
      const { id } = await tx
        .insertInto('travel_trips')
        .values({
          account_id: accountId,
          from_city: input.fromCity,
          to_city: input.toCity,
          trip_date: input.date,
          mode: input.mode,
          train_number: input.mode === 'rail' ? (input.trainNumber ?? null) : null,
          flight_number: input.mode === 'flight' ? (input.flightNumber ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await this.selectTrips(tx).where('id', '=', id).executeTakeFirstOrThrow();
      return this.present(row);
    });
  }

  private async ownTrip(accountId: string, id: string): Promise<Trip> {
    const row = await this.selectTrips(this.db)
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('trip_date', '>=', this.today())
      .executeTakeFirst();
    if (!row) throw new AppError('TRIP_NOT_FOUND', '找不到该行程，可能已删除或已过出行日期。');
    return this.present(row);
  }

  async deleteTrip(accountId: string, id: string): Promise<void> {
    const r = await this.db
      .deleteFrom('travel_trips')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0)
      throw new AppError('TRIP_NOT_FOUND', '找不到该行程，可能已删除或已过出行日期。');
  }

  /** A trip with the weather at both ends on its date, and what its mode needs; a silent department leaves a gap. */
  async tripDetail(accountId: string, id: string): Promise<TripDetail> {
    const trip = await this.ownTrip(accountId, id);
    const unavailable: Part[] = [];
    const part = async <T>(name: Part, f: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await f();
      } catch (e) {
        if (!isDepartmentFailure(e)) throw e;
        if (!unavailable.includes(name)) unavailable.push(name);
        return fallback;
      }
    };
    const day = (city: string) =>
      part(
        'weather',
        async () => (await this.departments.weather.client.day({ cityCode: city as never, date: trip.date })).day,
        null,
      );
    const expressway =
      trip.mode === 'drive' && chinaDaysBetween(this.today(), trip.date) <= EXPRESSWAY_DAYS.ahead
        ? part('expressway', () => this.route(trip.fromCity.code, trip.toCity.code, trip.date), null)
        : Promise.resolve(null);
    const train =
      trip.mode === 'rail' && trip.trainNumber && chinaDaysBetween(this.today(), trip.date) <= RAILWAY_DAYS.ahead
        ? part('train', () => this.trainOfTrip(trip), null)
        : Promise.resolve(null);
    const [from, to, route, rail] = await Promise.all([
      day(trip.fromCity.code),
      day(trip.toCity.code),
      expressway,
      train,
    ]);
    return { trip, weather: { from, to }, expressway: route, train: rail, unavailable };
  }

  private async trainOfTrip(trip: Trip): Promise<RailTrain | null> {
    const r = await this.departments.railway.client.trains({
      from: trip.fromCity.code,
      to: trip.toCity.code,
      date: trip.date,
    });
    if (r.outcome !== 'found') return null;
    return r.trains.find((t) => t.number === trip.trainNumber) ?? null;
  }
}
