import { CITY_CODES, WeatherDay, WeatherWarning } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';

/**
 * 广东省气象局's public forecast service as a department contract: the 7-day forecast of a city (today and the
 * next 6 China days), one day of it, and the warning signals in force today. No personal data.
 */
const City = z.enum(CITY_CODES, '城市代码无效');

export const weatherSpec = defineDepartment({
  id: 'weather',
  name: '广东省气象局',
  catalogDepartmentIds: ['gd-meteorological'],
  operations: {
    forecast: {
      summary: '城市天气预报: today and the next 6 days of a city (China dates)',
      input: z.object({ cityCode: City }),
      output: z.object({ days: z.array(WeatherDay) }),
      idempotent: true,
    },
    day: {
      summary: '某日天气: the forecast of a city on one date, or null when the date is outside the 7 days',
      input: z.object({ cityCode: City, date: z.iso.date() }),
      output: z.object({ day: WeatherDay.nullable() }),
      idempotent: true,
    },
    warnings: {
      summary: '预警信号: the warning signals in force today in every city',
      input: z.object({}),
      output: z.object({
        date: z.iso.date(),
        warnings: z.array(WeatherWarning.extend({ cityCode: z.string() })),
      }),
      idempotent: true,
    },
  },
});
export type WeatherSpec = typeof weatherSpec;
