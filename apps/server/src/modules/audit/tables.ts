import type { Generated, JSONColumnType } from 'kysely';

/** Tables owned by the audit module (migrations/0005_audit.sql). */
export interface AuditTables {
  audit_log: {
    seq: Generated<number>;
    at: Generated<Date>;
    actor_account_id: string | null;
    actor_kind: 'citizen' | 'agent' | 'staff' | 'system' | 'anonymous';
    subject_account_id: string | null;
    action: string;
    result: 'success' | 'denied' | 'failure';
    detail: JSONColumnType<Record<string, unknown>, string, string>;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
}
