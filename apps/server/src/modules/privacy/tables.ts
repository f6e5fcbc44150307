import type { Generated } from 'kysely';

/** Tables owned by the privacy module (migrations/0076_privacy_data-key-rotation.sql). */
export interface PrivacyTables {
  /** The blind indexes' key, sealed by the data key (associated data INDEX_KEY_AAD); one row. */
  data_index_key: {
    id: Generated<boolean>;
    key_encrypted: string;
    created_at: Generated<Date>;
  };
}
