export { type NewNotification, NotificationService } from './notification-service.js';
export { notificationRoutes } from './routes.js';
