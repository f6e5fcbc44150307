import type { Generated } from 'kysely';

/** Tables owned by the privacy module (migrations/0076_privacy_data-key-rotation.sql, 0079). */
export interface PrivacyTables {
  /**
   * The blind indexes' key chain (data-keys.ts), each key sealed by the data key (associated data
   * indexKeyAad(position)). Position 0 is the key of before rotation; each rotation adds the next, 'pending'
   * until every stored index has been wrapped with it.
   */
  data_index_keys: {
    position: number;
    key_encrypted: string;
    state: Generated<'active' | 'pending'>;
    created_at: Generated<Date>;
  };
}
