export { housingFundWithdrawalRoutes } from './routes.js';
export { HousingFundWithdrawals } from './service.js';
export type { HousingFundWithdrawalTables } from './tables.js';
