export { referenceNumber, withReferenceNumber } from './reference-number.js';
export { SelfOnlyGate, type SelfOnlyGateDeps, type SelfOnlyRefusals } from './self-only-gate.js';
