import { CITY_CODES, Expressway, ExpresswayEvent, ExpresswayLeg, RoadCondition, TravelDistrict } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';

/**
 * 广东省交通运输厅路网监测与应急处置中心 (the road-network centre) as a department contract: the expressways and
 * their events (拥堵, 施工, 事故, 管制/封闭, 恶劣天气) by date, road or city, the route between two cities, and the
 * congestion of the main roads of a district (附近路况). Public information; no personal data.
 */
const City = z.enum(CITY_CODES, '城市代码无效');
const LocalDate = z.iso.date();

export const roadNetworkSpec = defineDepartment({
  id: 'road-network',
  name: '广东省交通运输厅路网监测与应急处置中心',
  catalogDepartmentIds: ['gd-transport'],
  operations: {
    expressways: {
      summary: '高速公路: the expressways of the province and the cities they pass',
      input: z.object({}),
      output: z.object({ roads: z.array(Expressway) }),
      idempotent: true,
    },
    events: {
      summary: '高速动态: the events on a date (China), on one road and/or in one city, ongoing first',
      input: z.object({ date: LocalDate, roadCode: z.string().max(8).optional(), cityCode: City.optional() }),
      output: z.object({ events: z.array(ExpresswayEvent) }),
      idempotent: true,
    },
    route: {
      summary: '路线路况: the expressways from one city to another and their events on a date',
      input: z.object({ fromCity: City, toCity: City, date: LocalDate }),
      output: z.object({ legs: z.array(ExpresswayLeg), events: z.array(ExpresswayEvent) }),
      idempotent: true,
    },
    districts: {
      summary: '区县: the districts of a city the centre reports city roads for, with their centres',
      input: z.object({ cityCode: City }),
      output: z.object({ districts: z.array(TravelDistrict) }),
      idempotent: true,
    },
    nearby: {
      summary: '附近路况: the main roads of a district (or of the district nearest a position) now',
      input: z.union([
        z.object({ districtCode: z.string().regex(/^\d{6}$/) }),
        z.object({ lat: z.number(), lng: z.number() }),
      ]),
      output: z.discriminatedUnion('outcome', [
        z.object({
          outcome: z.literal('found'),
          district: TravelDistrict,
          distanceKm: z.number().nullable(),
          roads: z.array(RoadCondition),
          updatedAt: z.iso.datetime({ offset: true }),
        }),
        z.object({ outcome: z.literal('not-found') }),
        z.object({ outcome: z.literal('outside') }),
      ]),
      idempotent: true,
    },
  },
});
export type RoadNetworkSpec = typeof roadNetworkSpec;
