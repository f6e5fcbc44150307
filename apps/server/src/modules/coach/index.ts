export { COACH_SERVICE_ID, CoachGate } from './citizen-gate.js';
export { coachCitizenRoutes } from './citizen-routes.js';
export { DEMO_STATION_LINKS, seedDemoStationLinks } from './demo-stations.js';
export { type CoachDeps, CoachOrderService, ISSUE_FAILED_NOTE } from './order-service.js';
export { coachPublicRoutes } from './public-routes.js';
export { coachStationRoutes } from './station-routes.js';
export { CoachStationService } from './station-service.js';
export type { CoachTables } from './tables.js';
export { CoachTicketKeys } from './ticket-keys.js';
