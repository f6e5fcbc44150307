export { type HeldLease, JobLease, leaseHolderName } from './lease.js';
export { LeasedBatchJob } from './leased-batches.js';
export { PeriodicJob } from './periodic.js';
