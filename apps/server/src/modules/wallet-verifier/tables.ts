import type { Generated } from 'kysely';

/** Tables owned by the wallet-verifier module (migrations 0042, 0043 and 0046). */
export interface WalletVerifierTables {
  verifier_organisations: {
    id: Generated<string>;
    name: string;
    kind: 'hotel' | 'police' | 'employer' | 'coach-station';
    city_code: string;
    /** 1–5 for a rated hotel; null for an unrated one and for every other kind. */
    star_rating: number | null;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  verifier_members: {
    account_id: string;
    organisation_id: string;
    created_at: Generated<Date>;
  };
  wallet_verifications: {
    id: Generated<string>;
    certificate_id: string | null;
    credential_type: string | null;
    organisation_id: string;
    account_id: string | null;
    purpose: string;
    verdict: string;
    reason_code: string;
    checked_at: Generated<Date>;
    /** Migration 0046: offline check-ins (uploaded later; the device's verdict kept next to the server's). */
    offline: Generated<boolean>;
    recorded_at: Generated<Date>;
    device_verdict: string | null;
    device_reason_code: string | null;
    presentation_digest: string | null;
  };
}
