import { CITIES, WEATHER_FORECAST_DAYS } from '@yss/contracts';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addChinaDays, chinaDateOf, chinaDaysBetween } from '../kit/seeded.js';
import type { WeatherSpec } from './contract.js';
import { weatherOn } from './forecast.js';

/** The sandbox meteorological service: computed forecasts (forecast.ts), no tables. `now` is its clock. */
export function weatherSandbox(now: () => Date = () => new Date()): DepartmentImplementation<WeatherSpec> {
  return {
    forecast: async ({ cityCode }) => {
      const today = chinaDateOf(now());
      return {
        days: Array.from({ length: WEATHER_FORECAST_DAYS }, (_, i) => weatherOn(cityCode, addChinaDays(today, i))),
      };
    },
    day: async ({ cityCode, date }) => {
      const ahead = chinaDaysBetween(chinaDateOf(now()), date);
      return { day: ahead >= 0 && ahead < WEATHER_FORECAST_DAYS ? weatherOn(cityCode, date) : null };
    },
    warnings: async () => {
      const date = chinaDateOf(now());
      return {
        date,
        warnings: CITIES.flatMap((c) => weatherOn(c.code, date).warnings.map((w) => ({ ...w, cityCode: c.code }))),
      };
    },
  };
}
