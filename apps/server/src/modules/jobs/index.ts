export { type HeldLease, JobLease, leaseHolderName } from './lease.js';
export { PeriodicJob } from './periodic.js';
