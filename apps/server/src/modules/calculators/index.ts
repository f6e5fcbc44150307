export { calculatorRoutes } from './routes.js';
