export { CatalogService, requireCity, seedCatalog } from './catalog-service.js';
export type { CatalogSnapshot } from './catalog-snapshot.js';
export { catalogRoutes } from './routes.js';
