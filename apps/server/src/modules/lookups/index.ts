export { type LookupSubject, type OpenedLookup, PersonalLookupGate } from './personal-gate.js';
export { lookupRoutes } from './routes.js';
