export { endorsementRoutes } from './routes.js';
export { ENDORSEMENT_SERVICES, type EndorsementDeps, EndorsementService, EXIT_ENTRY_PAYEE } from './service.js';
