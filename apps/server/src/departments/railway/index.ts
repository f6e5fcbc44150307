import { sandboxDepartment } from '../framework/sandbox-department.js';
import { railwaySpec } from './contract.js';
import { railwaySandbox } from './sandbox.js';

export { type RailwaySpec, railwaySpec } from './contract.js';
export { railwaySandbox } from './sandbox.js';
export { gateOf, STATIONS, statusOf, trainOn, trainsOn } from './timetable.js';

/** 中国铁路广州局集团 (sandbox): a computed Guangdong timetable with 检票口 and statuses; nothing stored, nothing seeded. */
export const railwayDepartment = sandboxDepartment({ spec: railwaySpec, sandbox: () => railwaySandbox() });
