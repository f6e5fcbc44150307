export { eligibilityAnswer } from './eligibility-answer.js';
export { agentTitle, type OnBehalfColumns, onBehalfCopies, onBehalfOf, principalBody } from './on-behalf.js';
export { referenceNumber, withReferenceNumber } from './reference-number.js';
export {
  type Applicant,
  SelfOnlyGate,
  type SelfOnlyGateDeps,
  type SelfOnlyRefusals,
  type Viewer,
} from './self-only-gate.js';
