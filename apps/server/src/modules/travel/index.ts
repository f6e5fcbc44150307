export { travelPublicRoutes, travelTripRoutes } from './routes.js';
export type { TravelTables } from './tables.js';
export { TravelService } from './travel-service.js';
