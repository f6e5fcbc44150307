export { feedbackConsoleRoutes, PLATFORM_DEPARTMENT_ID } from './console-routes.js';
export { countFeedback } from './repository.js';
export { feedbackRoutes } from './routes.js';
export { sealLegacyFeedback } from './stored-content.js';
