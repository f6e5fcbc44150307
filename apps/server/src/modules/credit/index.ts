export { creditDevRoutes } from './dev-routes.js';
export { CREDIT_POLL_JOB, CreditChangePoller, type PollReport } from './poller.js';
export { registerCredit } from './register.js';
export { creditRoutes } from './routes.js';
export { CreditSubscriptionService } from './subscriptions.js';
