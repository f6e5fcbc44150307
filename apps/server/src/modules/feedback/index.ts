export { countFeedback } from './repository.js';
export { feedbackRoutes } from './routes.js';
