export { CatalogAdmin } from './catalog-admin.js';
export { CatalogService, requireCity, seedCatalog } from './catalog-service.js';
export type { CatalogSnapshot } from './catalog-snapshot.js';
export { catalogConsoleRoutes } from './console-routes.js';
export { catalogRoutes } from './routes.js';
