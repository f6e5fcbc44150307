import {
  CityForecast,
  Expressway,
  ExpresswayEventsQuery,
  ExpresswayEventsResult,
  ExpresswayRoute,
  ExpresswayRouteQuery,
  NearbyRoads,
  NearbyRoadsQuery,
  Problem,
  RailStation,
  RailTrainDetail,
  RailTrainQuery,
  RailTrainsQuery,
  RailTrainsResult,
  RoadDistrictsQuery,
  TrainNumber,
  TravelDistrict,
  Trip,
  TripDetail,
  TripIdParam,
  TripInput,
  TripList,
  WeatherQuery,
  WeatherWarningsResult,
} from '@yss/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../identity/index.js';
import type { TravelService } from './travel-service.js';

const problems = { 400: Problem, 404: Problem, 429: Problem, 502: Problem, 503: Problem };
const accountProblems = {
  400: Problem,
  401: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  502: Problem,
  503: Problem,
};

const cache = (reply: FastifyReply, seconds: number) =>
  reply.header('cache-control', seconds > 0 ? `public, max-age=${seconds}` : 'no-store');

/** 智慧出行's public information: weather, expressways, city roads, trains — anyone, no login. */
export const travelPublicRoutes =
  ({ travel, perMinute = 120 }: { travel: TravelService; perMinute?: number }): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { rateLimit: { max: perMinute, timeWindow: '1 minute' } };
    const tags = ['travel'];

    app.get(
      '/api/v1/travel/weather',
      {
        config,
        schema: {
          tags,
          summary: '天气预报: a city’s weather today and the next 6 days, with warning signals (广东省气象局)',
          querystring: WeatherQuery,
          response: { 200: CityForecast, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 600);
        return travel.forecast(req.query.city);
      },
    );

    app.get(
      '/api/v1/travel/weather/warnings',
      {
        config,
        schema: {
          tags,
          summary: '气象预警: the warning signals in force today in the province’s cities',
          response: { 200: WeatherWarningsResult, ...problems },
        },
      },
      async (_req, reply) => {
        cache(reply, 600);
        return travel.warnings();
      },
    );

    app.get(
      '/api/v1/travel/expressways',
      {
        config,
        schema: {
          tags,
          summary: '高速公路: the expressways in Guangdong and the cities they pass',
          response: { 200: z.array(Expressway), ...problems },
        },
      },
      async (_req, reply) => {
        cache(reply, 3600);
        return travel.expressways();
      },
    );

    app.get(
      '/api/v1/travel/expressways/events',
      {
        config,
        schema: {
          tags,
          summary:
            '高速动态: expressway events (拥堵, 施工, 事故, 管制/封闭, 恶劣天气) on a date (default today; yesterday to 7 ' +
            'days ahead), by road and/or city, ongoing first',
          querystring: ExpresswayEventsQuery,
          response: { 200: ExpresswayEventsResult, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 0);
        return travel.events(req.query);
      },
    );

    app.get(
      '/api/v1/travel/expressways/route',
      {
        config,
        schema: {
          tags,
          summary: '路线路况: the expressways from one city to another and their events on a date',
          querystring: ExpresswayRouteQuery,
          response: { 200: ExpresswayRoute, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 0);
        return travel.route(req.query.from, req.query.to, req.query.date);
      },
    );

    app.get(
      '/api/v1/travel/roads/districts',
      {
        config,
        schema: {
          tags,
          summary: '附近路况: the districts of a city with road information, and their centres',
          querystring: RoadDistrictsQuery,
          response: { 200: z.array(TravelDistrict), ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 3600);
        return travel.districts(req.query.city);
      },
    );

    app.get(
      '/api/v1/travel/roads/nearby',
      {
        config,
        schema: {
          tags,
          summary:
            '附近路况: congestion (畅通/缓行/拥堵/严重拥堵) of the main roads of a district, or of the district nearest ' +
            'a position (lat, lng; the position is used for this answer only and never stored or logged)',
          querystring: NearbyRoadsQuery,
          response: { 200: NearbyRoads, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 0);
        return travel.nearby(req.query);
      },
    );

    app.get(
      '/api/v1/travel/railway/stations',
      {
        config,
        schema: {
          tags,
          summary: '铁路车站: the railway stations in Guangdong (广铁集团)',
          response: { 200: z.array(RailStation), ...problems },
        },
      },
      async (_req, reply) => {
        cache(reply, 3600);
        return travel.stations();
      },
    );

    app.get(
      '/api/v1/travel/railway/trains',
      {
        config,
        schema: {
          tags,
          summary:
            '车次查询: trains from a station (or a city code: all its stations) to another on a date, with 检票口 and ' +
            'status (正点/晚点/停运). Information only: tickets at 12306',
          querystring: RailTrainsQuery,
          response: { 200: RailTrainsResult, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 0);
        return travel.trains(req.query.from, req.query.to, req.query.date);
      },
    );

    app.get(
      '/api/v1/travel/railway/trains/:number',
      {
        config,
        schema: {
          tags,
          summary: '车次详情: one train’s stops, times, 检票口 and status on a date (default today)',
          params: z.object({ number: TrainNumber }),
          querystring: RailTrainQuery,
          response: { 200: RailTrainDetail, ...problems },
        },
      },
      async (req, reply) => {
        cache(reply, 0);
        return travel.train(req.params.number, req.query.date);
      },
    );
  };

/**
 * 行程订阅: the logged-in citizen's own trips. A session is enough (no fresh verification): a trip holds two
 * cities, a date and a train or flight number — no department's personal record. Another person's trip is 404.
 */
export const travelTripRoutes =
  ({
    travel,
    authenticate,
  }: {
    travel: TravelService;
    authenticate(req: FastifyRequest): Promise<AuthContext>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['travel', 'account'];
    app.get(
      '/api/v1/me/trips',
      {
        schema: {
          tags,
          summary: '我的行程: own trips from today on, by date (trips whose date has passed are deleted)',
          response: { 200: TripList, ...accountProblems },
        },
      },
      async (req, reply) => {
        const ctx = await authenticate(req);
        reply.header('cache-control', 'no-store');
        return travel.listTrips(ctx.accountId);
      },
    );
    app.post(
      '/api/v1/me/trips',
      {
        schema: {
          tags,
          summary: '订阅行程: save a trip (from, to, date within 60 days, mode; train or flight number optional)',
          body: TripInput,
          response: { 201: Trip, ...accountProblems },
        },
      },
      async (req, reply) => {
        const ctx = await authenticate(req);
        return reply.code(201).send(await travel.createTrip(ctx.accountId, req.body));
      },
    );
    app.get(
      '/api/v1/me/trips/:id',
      {
        schema: {
          tags,
          summary:
            '行程详情: a trip with the weather at both ends on its date, the expressway events on the way (自驾) or the ' +
            'train’s times and status (铁路)',
          params: TripIdParam,
          response: { 200: TripDetail, ...accountProblems },
        },
      },
      async (req, reply) => {
        const ctx = await authenticate(req);
        reply.header('cache-control', 'no-store');
        return travel.tripDetail(ctx.accountId, req.params.id);
      },
    );
    app.delete(
      '/api/v1/me/trips/:id',
      {
        schema: {
          tags,
          summary: '删除行程: delete one of my trips',
          params: TripIdParam,
          response: { 204: z.null(), ...accountProblems },
        },
      },
      async (req, reply) => {
        const ctx = await authenticate(req);
        await travel.deleteTrip(ctx.accountId, req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
