export { type HeldLease, JobLease } from './lease.js';
export { PeriodicJob } from './periodic.js';
