export { utilityPaymentRoutes } from './routes.js';
export { GAS_PAYMENT_SERVICE, type UtilityPaymentDeps, UtilityPaymentService } from './service.js';
