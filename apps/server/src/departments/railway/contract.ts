import { RailStation, RailTrain, TRAIN_STATUSES, TrainStop } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';

/**
 * 中国铁路广州局集团 (the railway) as a department contract: its Guangdong stations, the trains between two stations
 * (or two cities) on a date with times, 检票口 and status, and one train's stops. Information only: tickets are
 * sold by 12306, not through this platform. No personal data.
 */
const Place = z.string().max(20);
const LocalDate = z.iso.date();

export const railwaySpec = defineDepartment({
  id: 'railway',
  name: '中国铁路广州局集团有限公司',
  catalogDepartmentIds: ['guangzhou-railway'],
  operations: {
    stations: {
      summary: '车站: the railway’s stations in Guangdong',
      input: z.object({}),
      output: z.object({ stations: z.array(RailStation) }),
      idempotent: true,
    },
    trains: {
      summary: '车次查询: trains from a station (or any station of a city code) to another on a date, by departure',
      input: z.object({ from: Place, to: Place, date: LocalDate }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('found'), trains: z.array(RailTrain) }),
        z.object({ outcome: z.literal('unknown-station'), which: z.enum(['from', 'to']) }),
      ]),
      idempotent: true,
    },
    train: {
      summary: '车次详情: one train’s stops, 检票口 and status on a date, or null when it does not run',
      input: z.object({ number: z.string().max(8), date: LocalDate }),
      output: z.object({
        train: z
          .object({
            number: z.string(),
            date: LocalDate,
            stops: z.array(TrainStop),
            status: z.enum(TRAIN_STATUSES),
            statusText: z.string(),
            delayMinutes: z.number().int(),
          })
          .nullable(),
      }),
      idempotent: true,
    },
  },
});
export type RailwaySpec = typeof railwaySpec;
