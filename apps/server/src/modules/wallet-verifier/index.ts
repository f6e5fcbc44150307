export { verifierAdminRoutes } from './admin-routes.js';
export { VerifierCheckIns } from './check-ins.js';
export {
  DEMO_VERIFIER_ACCOUNTS,
  DEMO_VERIFIER_PASSWORD,
  findOrganisation,
  organisationOfAccount,
  seedDemoVerifiers,
} from './organisations.js';
export { LOG_SERVICE_ID, walletVerifierRoutes } from './routes.js';
export type { WalletVerifierTables } from './tables.js';
export type { TicketingStation, TicketingStations } from './ticketing-stations.js';
