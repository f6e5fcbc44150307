export { invoiceTitleRoutes } from './routes.js';
export type { InvoiceTitleTables } from './tables.js';
