export { MoveCarGate } from './gate.js';
export { moveCarRoutes } from './routes.js';
export { chinaDayStart, type MoveCarDeps, MoveCarService, reminderText } from './service.js';
