export { PENSION_REMINDER_JOB, type PensionReminderReport, PensionReminders } from './reminders.js';
export { pensionCertificationRoutes } from './routes.js';
export {
  CERTIFY_VERIFICATION_MAX_AGE_MS,
  certificationStatus,
  type PensionCertificationDeps,
  PensionCertificationService,
} from './service.js';
