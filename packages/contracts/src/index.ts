export * from './catalog.js';
export * from './cities.js';
export * from './feedback.js';
export * from './identity.js';
export * from './problem.js';
export * from './validators/person-name.js';
export * from './validators/resident-id.js';
export * from './validators/uscc.js';
