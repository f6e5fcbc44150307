export * from './catalog.js';
export * from './cities.js';
export * from './feedback.js';
export * from './problem.js';
