import type { LoginMethod } from '@yss/contracts';
import type { Generated } from 'kysely';

/** login: 登录; verify: the own phone again (enrolment); consent: a principal confirms a delegation (0008). */
export type SmsPurpose = 'login' | 'verify' | 'consent';

/** Tables owned by the identity module (migrations/0004_identity.sql). */
export interface IdentityTables {
  identity_accounts: {
    id: Generated<string>;
    phone_encrypted: string;
    phone_index: string;
    phone_masked: string;
    real_name_encrypted: string | null;
    id_number_encrypted: string | null;
    id_number_index: string | null;
    name_masked: string | null;
    id_number_masked: string | null;
    hukou_city_code: string | null;
    person_id: string | null;
    default_login_method: Generated<LoginMethod>;
    pin_hash: string | null;
    pin_failed_attempts: Generated<number>;
    pin_locked_until: Date | null;
    active_session_id: string | null;
    created_at: Generated<Date>;
    real_name_verified_at: Date | null;
  };
  identity_sessions: {
    id: Generated<string>;
    account_id: string;
    token_hash: string;
    login_method: LoginMethod;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    verified_at: Date | null;
    verified_method: string | null;
    enrolment_verified_at: Date | null;
    ended_at: Date | null;
    end_reason: 'logout' | 'replaced' | 'expired' | null;
  };
  identity_sms_codes: {
    id: Generated<string>;
    phone_index: string;
    purpose: SmsPurpose;
    code_hash: string;
    attempts: Generated<number>;
    created_at: Generated<Date>;
    expires_at: Date;
    consumed_at: Date | null;
  };
  identity_passkeys: {
    id: Generated<string>;
    account_id: string;
    credential_id: string;
    public_key: Uint8Array;
    counter: number;
    transports: string[];
    device_type: string | null;
    backed_up: boolean;
    nickname: string;
    created_at: Generated<Date>;
    last_used_at: Date | null;
  };
  identity_webauthn_challenges: {
    challenge: string;
    purpose: 'register' | 'login' | 'verify';
    account_id: string | null;
    expires_at: Date;
  };
  identity_login_throttle: {
    phone_index: string;
    failures: number;
    locked_until: Date | null;
  };
  sms_outbox: {
    id: Generated<number>;
    phone_index: string;
    phone_masked: string;
    text_encrypted: string;
    created_at: Generated<Date>;
  };
}
