export { taxCertificateRoutes } from './routes.js';
export { TaxCertificates } from './service.js';
export type { TaxCertificateTables } from './tables.js';
