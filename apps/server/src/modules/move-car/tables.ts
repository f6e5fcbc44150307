import type { Generated } from 'kysely';

/** Tables owned by 一键移车 (migrations/0055_move-car_requests.sql); only repository.ts queries them. */
export interface MoveCarTables {
  move_car_requests: {
    id: Generated<string>;
    account_id: string;
    plate_index: string;
    plate_masked: string;
    plate_encrypted: string;
    contact_phone_encrypted: string;
    contact_phone_masked: string;
    place_encrypted: string;
    reason: string;
    city_code: string;
    status: 'sent' | 'no-owner' | 'failed';
    created_at: Date;
  };
}
