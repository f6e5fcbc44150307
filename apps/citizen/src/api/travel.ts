import type {
  CityForecast,
  Expressway,
  ExpresswayEventsResult,
  ExpresswayRoute,
  NearbyRoads,
  RailStation,
  RailTrainDetail,
  RailTrainsResult,
  TravelDistrict,
  Trip,
  TripDetail,
  TripInput,
  TripList,
  WeatherWarningsResult,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal };
const enc = encodeURIComponent;

/**
 * 智慧出行 (D5): public information (weather, expressways, nearby roads, trains) for anyone, and the logged-in
 * citizen's own trips (a session is enough: no fresh verification).
 */
export const travelApi = {
  weather: (city: string, o: Opts = {}) =>
    apiRequest<CityForecast>('/api/v1/travel/weather', { ...o, query: { city } }),
  warnings: (o: Opts = {}) => apiRequest<WeatherWarningsResult>('/api/v1/travel/weather/warnings', o),
  expressways: (o: Opts = {}) => apiRequest<Expressway[]>('/api/v1/travel/expressways', o),
  events: (q: { road?: string; city?: string; date?: string }, o: Opts = {}) =>
    apiRequest<ExpresswayEventsResult>('/api/v1/travel/expressways/events', { ...o, query: q }),
  route: (q: { from: string; to: string; date?: string }, o: Opts = {}) =>
    apiRequest<ExpresswayRoute>('/api/v1/travel/expressways/route', { ...o, query: q }),
  districts: (city: string, o: Opts = {}) =>
    apiRequest<TravelDistrict[]>('/api/v1/travel/roads/districts', { ...o, query: { city } }),
  nearby: (q: { district: string } | { lat: number; lng: number }, o: Opts = {}) =>
    apiRequest<NearbyRoads>('/api/v1/travel/roads/nearby', { ...o, query: q }),
  stations: (o: Opts = {}) => apiRequest<RailStation[]>('/api/v1/travel/railway/stations', o),
  trains: (q: { from: string; to: string; date: string }, o: Opts = {}) =>
    apiRequest<RailTrainsResult>('/api/v1/travel/railway/trains', { ...o, query: q }),
  train: (number: string, date: string, o: Opts = {}) =>
    apiRequest<RailTrainDetail>(`/api/v1/travel/railway/trains/${enc(number)}`, { ...o, query: { date } }),
  trips: (o: Opts = {}) => apiRequest<TripList>('/api/v1/me/trips', o),
  trip: (id: string, o: Opts = {}) => apiRequest<TripDetail>(`/api/v1/me/trips/${enc(id)}`, o),
  createTrip: (body: TripInput, o: Opts = {}) => apiRequest<Trip>('/api/v1/me/trips', { ...o, method: 'POST', body }),
  deleteTrip: (id: string, o: Opts = {}) => apiRequest<null>(`/api/v1/me/trips/${enc(id)}`, { ...o, method: 'DELETE' }),
};
