import type { Generated } from 'kysely';

/** Tables owned by the staff module (migrations/0009_staff_accounts.sql). */
export interface StaffTables {
  staff_accounts: {
    id: Generated<string>;
    username: string;
    display_name: string;
    password_hash: string;
    password_change_required: Generated<boolean>;
    totp_secret_encrypted: string | null;
    totp_confirmed: Generated<boolean>;
    totp_last_step: number | null;
    failed_attempts: Generated<number>;
    locked_until: Date | null;
    disabled: Generated<boolean>;
    created_at: Generated<Date>;
  };
  staff_role_grants: {
    id: Generated<string>;
    account_id: string;
    role: string;
    department_id: string;
    city_code: string | null;
    created_at: Generated<Date>;
  };
  staff_login_throttle: {
    username: string;
    failures: number;
    locked_until: Date | null;
  };
  staff_sessions: {
    id: Generated<string>;
    account_id: string;
    token_hash: string;
    state: 'pending' | 'active';
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    ended_at: Date | null;
    end_reason: 'logout' | 'expired' | 'completed' | 'locked' | 'disabled' | null;
  };
}
