export * from './catalog.js';
export * from './cities.js';
export * from './feedback.js';
export * from './identity.js';
export * from './problem.js';
export * from './staff.js';
export * from './validators/resident-id.js';
