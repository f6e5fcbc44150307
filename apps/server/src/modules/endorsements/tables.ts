import type { Generated } from 'kysely';

/** Tables owned by 在线签注 (migrations/0056_payments_taxes-endorsements.sql); only repository.ts queries them. */
export interface EndorsementTables {
  endorsement_applications: {
    id: string;
    payment_order_id: string;
    account_id: string;
    submission_id: string;
    service_id: 'gangao-zaici-qianzhu' | 'taiwan-qianzhu';
    document_encrypted: string;
    item_index: string;
    id_number_encrypted: string;
    destination: 'hong-kong' | 'macao' | 'taiwan';
    kind: 'tourism-individual' | 'tourism-group' | 'visiting-relatives' | 'business';
    trips: 'once' | 'twice' | 'multiple';
    fee_fen: number;
    endorsement_id: string | null;
    created_at: Generated<Date>;
  };
}
