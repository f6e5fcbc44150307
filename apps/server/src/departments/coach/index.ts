import { sandboxDepartment } from '../framework/sandbox-department.js';
import { coachSpec } from './contract.js';
import { coachSandbox } from './sandbox.js';

export { type CoachSpec, coachSpec } from './contract.js';
export { coachSandbox, SandboxCoach } from './sandbox.js';
export { BOARDING_GRACE_MINUTES, HOLD_MINUTES, ONLINE_CUTOFF_MINUTES } from './timetable.js';

/**
 * 省道路客运联网售票系统 (sandbox): stations in every city, a computed timetable for today and the next 9 days, seats
 * held and ticketed without overselling, refunds by the system's fee rule, the station's 验票 and 上车. Nothing to
 * seed: the timetable is code (timetable.ts) and the rows appear as seats are held.
 */
export const coachDepartment = sandboxDepartment({
  spec: coachSpec,
  sandbox: (db) => coachSandbox(db),
});
