export { CALENDAR_DEPARTMENT_ID, workCalendarRoutes } from './routes.js';
export {
  seedWorkCalendar,
  WEEKDAYS_ONLY,
  WorkCalendar,
  type WorkCalendarEntry,
  type WorkingDays,
} from './work-calendar.js';
