import { sandboxDepartment } from '../framework/sandbox-department.js';
import { roadNetworkSpec } from './contract.js';
import { roadNetworkSandbox } from './sandbox.js';

export { type RoadNetworkSpec, roadNetworkSpec } from './contract.js';
export { DISTRICTS, nearestDistrict } from './districts.js';
export { eventsOn } from './events.js';
export { ROADS, routeBetween } from './network.js';
export { roadNetworkSandbox } from './sandbox.js';

/**
 * 路网监测与应急处置中心 (sandbox): expressways and their events computed from (section, date), city road congestion
 * from (district, clock); nothing stored, nothing seeded.
 */
export const roadNetworkDepartment = sandboxDepartment({ spec: roadNetworkSpec, sandbox: () => roadNetworkSandbox() });
