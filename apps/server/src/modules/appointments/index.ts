export { type AppointmentDeps, BookingService } from './booking-service.js';
export { CheckInService } from './check-in.js';
export { AppointmentGate } from './citizen-gate.js';
export { appointmentCitizenRoutes } from './citizen-routes.js';
export { appointmentConsoleRoutes } from './console-routes.js';
export { DEMO_SLOT_PLANS, seedDemoSlots } from './demo-slots.js';
export {
  APPOINTMENT_NO_SHOW_JOB,
  AppointmentNoShows,
  DEFAULT_NO_SHOW_RULE,
  type NoShowReport,
  type NoShowRule,
} from './no-shows.js';
export { AppointmentPassKeys } from './pass-keys.js';
export { appointmentPublicRoutes } from './public-routes.js';
export { APPOINTMENT_REMINDER_JOB, AppointmentReminders, type ReminderReport } from './reminders.js';
export { SlotService } from './slot-service.js';
