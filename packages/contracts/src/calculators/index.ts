export * from './iit.js';
export * from './money.js';
export * from './overtime.js';
export * from './schemas.js';
