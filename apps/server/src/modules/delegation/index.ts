export { type ActingFor, DelegationService } from './delegation-service.js';
export { delegationRoutes } from './routes.js';
