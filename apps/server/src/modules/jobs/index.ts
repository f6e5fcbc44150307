export { type HeldLease, JobLease } from './lease.js';
