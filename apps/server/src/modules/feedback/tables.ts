import type { Generated } from 'kysely';

/** Tables owned by the feedback module (migrations/0002_feedback.sql). */
export interface FeedbackTables {
  feedback: {
    id: Generated<string>;
    category: string;
    content: string;
    contact_encrypted: string | null;
    contact_masked: string | null;
    service_id: string | null;
    city_code: string | null;
    status: Generated<string>;
    created_at: Generated<Date>;
  };
}
