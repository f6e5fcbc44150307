export { FlightCheckInGate } from './gate.js';
export { flightRoutes } from './routes.js';
export { FLIGHT_DAYS_AHEAD, FLIGHT_DAYS_BACK, type FlightsDeps, FlightsService } from './service.js';
