import { CITIES } from '@yss/contracts';
import type { DepartmentImplementation } from '../framework/contract.js';
import type { RoadNetworkSpec } from './contract.js';
import { DISTRICTS, type DistrictRoads, distanceKm, nearestDistrict } from './districts.js';
import { byRelevance, eventsOn, present, roadConditions } from './events.js';
import { ROADS, routeBetween } from './network.js';

const city = (code: string) => ({ code, name: CITIES.find((c) => c.code === code)?.name ?? code });
const district = (x: DistrictRoads) => ({ code: x.code, name: x.name, city: city(x.cityCode), lat: x.lat, lng: x.lng });

/** The sandbox road-network centre: computed from (section, date) and the clock (events.ts), no tables. */
export function roadNetworkSandbox(now: () => Date = () => new Date()): DepartmentImplementation<RoadNetworkSpec> {
  return {
    expressways: async () => ({
      roads: ROADS.map((r) => ({ code: r.code, name: r.name, cities: r.cities.map(city) })),
    }),
    events: async ({ date, roadCode, cityCode }) => {
      const at = now();
      const events = eventsOn(date)
        .filter((e) => roadCode === undefined || e.section.road.code === roadCode)
        .filter((e) => cityCode === undefined || e.section.from === cityCode || e.section.to === cityCode)
        .map((e) => present(e, at))
        .sort(byRelevance);
      return { events };
    },
    route: async ({ fromCity, toCity, date }) => {
      const legs = routeBetween(fromCity, toCity);
      const sections = new Set(legs.flatMap((l) => l.sections.map((s) => `${s.road.code}-${s.index}`)));
      const at = now();
      return {
        legs: legs.map((l) => ({
          roadCode: l.road.code,
          roadName: l.road.name,
          fromCity: city(l.from),
          toCity: city(l.to),
        })),
        events: eventsOn(date)
          .filter((e) => sections.has(`${e.section.road.code}-${e.section.index}`))
          .map((e) => present(e, at))
          .sort(byRelevance),
      };
    },
    districts: async ({ cityCode }) => ({ districts: DISTRICTS.filter((x) => x.cityCode === cityCode).map(district) }),
    nearby: async (input) => {
      const at = now();
      let found: DistrictRoads | undefined;
      let km: number | null = null;
      if ('districtCode' in input) found = DISTRICTS.find((x) => x.code === input.districtCode);
      else {
        const nearest = nearestDistrict(input.lat, input.lng);
        if (!nearest) return { outcome: 'outside' as const };
        found = nearest.district;
        km = Math.round(distanceKm(input.lat, input.lng, found.lat, found.lng) * 10) / 10;
      }
      if (!found) return { outcome: 'not-found' as const };
      return {
        outcome: 'found' as const,
        district: district(found),
        distanceKm: km,
        roads: roadConditions(found, at),
        updatedAt: new Date(Math.floor(at.getTime() / 600_000) * 600_000).toISOString(),
      };
    },
  };
}
