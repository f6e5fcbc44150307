import { sandboxDepartment } from '../framework/sandbox-department.js';
import { flightsSpec } from './contract.js';
import { flightsSandbox } from './sandbox.js';

export { type FlightsSpec, flightsSpec } from './contract.js';
export { flightsSandbox, SandboxFlights } from './sandbox.js';

/**
 * 民航旅客服务系统 (sandbox): Guangdong's airports and their 交通指引, a computed daily timetable with each flight's
 * state per date, the demo people's tickets and online check-in with seat maps and signed boarding passes.
 * Nothing to seed: timetable and bookings are code; check-ins and the signing key appear as they are made.
 */
export const flightsDepartment = sandboxDepartment({
  spec: flightsSpec,
  sandbox: (db) => flightsSandbox(db),
});
