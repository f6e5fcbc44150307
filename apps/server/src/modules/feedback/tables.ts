import type { Generated } from 'kysely';

/** Tables owned by the feedback module (migrations/0002_feedback.sql, 0075). */
export interface FeedbackTables {
  feedback: {
    id: Generated<string>;
    category: string;
    /** Written before migrations/0075, in clear, until the start-up step seals it (stored-text.ts). */
    content: string | null;
    /** What the person wrote, FieldCipher, bound to the row's id. */
    content_encrypted: string | null;
    contact_encrypted: string | null;
    contact_masked: string | null;
    service_id: string | null;
    city_code: string | null;
    status: Generated<string>;
    created_at: Generated<Date>;
  };
}
