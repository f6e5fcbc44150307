import { sandboxDepartment } from '../framework/sandbox-department.js';
import { weatherSpec } from './contract.js';
import { weatherSandbox } from './sandbox.js';

export { type WeatherSpec, weatherSpec } from './contract.js';
export { weatherOn } from './forecast.js';
export { weatherSandbox } from './sandbox.js';

/** 广东省气象局 (sandbox): forecasts and warning signals computed from (city, date); nothing stored, nothing seeded. */
export const weatherDepartment = sandboxDepartment({ spec: weatherSpec, sandbox: () => weatherSandbox() });
