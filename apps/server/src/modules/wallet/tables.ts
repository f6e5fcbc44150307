import type { Generated } from 'kysely';

/** Tables owned by the wallet module (migrations/0040_wallet_trust-core.sql, 0045). */
export interface WalletTables {
  wallet_issuer_keys: {
    issuer_id: string;
    kid: string;
    public_jwk: unknown;
    private_jwk_encrypted: string;
    created_at: Generated<Date>;
    retired_at: Date | null;
  };
  wallet_status_lists: {
    id: Generated<number>;
    issuer_id: string;
    bits: number;
    size: number;
    statuses: Uint8Array;
    allocated: Generated<number>;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  wallet_certificates: {
    id: Generated<string>;
    credential_type: string;
    issuer_id: string;
    subject_index: string;
    status: Generated<'valid' | 'revoked' | 'suspended'>;
    issued_at: Generated<Date>;
    expires_at: Date;
    status_changed_at: Date | null;
    /** 0045: HMAC blind index of the document's number (which document it was issued from); null before 0045. */
    document_index: string | null;
    /** 0045: the city chosen at issuance (per-city departments), or null. */
    source_city: string | null;
  };
  wallet_status_entries: {
    status_list_id: number;
    idx: number;
    certificate_id: string;
  };
  wallet_seen_presentations: {
    digest: string;
    expires_at: Date;
  };
}
