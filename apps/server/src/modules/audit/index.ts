export { type AuditEntry, AuditLog, type AuditRecord, type AuditResult } from './audit-log.js';
