export { purchaseTaxRoutes } from './routes.js';
export { PURCHASE_TAX_SERVICE, type PurchaseTaxDeps, PurchaseTaxService } from './service.js';
