export { type AppointmentDeps, BookingService } from './booking-service.js';
export { AppointmentGate } from './citizen-gate.js';
export { appointmentCitizenRoutes } from './citizen-routes.js';
export { appointmentConsoleRoutes } from './console-routes.js';
export { DEMO_SLOT_PLANS, seedDemoSlots } from './demo-slots.js';
export { appointmentPublicRoutes } from './public-routes.js';
export { APPOINTMENT_REMINDER_JOB, AppointmentReminders, type ReminderReport } from './reminders.js';
export { SlotService } from './slot-service.js';
