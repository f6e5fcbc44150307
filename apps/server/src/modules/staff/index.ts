export { createStaffAccount, DEMO_STAFF, openAccount, StaffAccountError, seedDemoStaff } from './accounts.js';
export { countAccounts as countStaffAccounts } from './repository.js';
export { type Grant, grantCovers, PERMISSIONS, type Permission, ROLES, type Scope } from './roles.js';
export { staffRoutes } from './routes.js';
export { type StaffSettings, staffSettings } from './settings.js';
export { type StaffContext, StaffService } from './staff-service.js';
