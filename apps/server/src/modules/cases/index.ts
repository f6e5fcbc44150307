export { caseAttachmentRoutes } from './attachment-routes.js';
export { CaseService } from './case-service.js';
export { CitizenGate } from './citizen-gate.js';
export { caseCitizenRoutes } from './citizen-routes.js';
export { caseConsoleRoutes } from './console-routes.js';
export { sealLegacyEventNotes } from './event-notes.js';
export { CaseFulfilmentOutbox } from './fulfilment/outbox.js';
export { maskLegacyCaseMessages } from './legacy-messages.js';
