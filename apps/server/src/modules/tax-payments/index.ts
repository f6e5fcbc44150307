export { taxPaymentRoutes } from './routes.js';
export { TAX_PAYEE, type TaxPaymentDeps, TaxPaymentService, VEHICLE_TAX_SERVICE } from './service.js';
