import type { AppointmentStatus } from '@yss/contracts';
import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the appointments module (migrations/0048_appointments.sql). */
export interface AppointmentTables {
  appointment_slots: {
    id: Generated<string>;
    service_id: string;
    city_code: string;
    department_id: string;
    place: string;
    address: string;
    /** The local (China) date, written as 'yyyy-mm-dd'; never read back (drivers would parse it in the server's zone): dates come from starts_at. */
    local_date: string;
    starts_at: Date;
    ends_at: Date;
    capacity: number;
    booked: Generated<number>;
    cancelled_at: Date | null;
    cancel_reason: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  appointments: {
    id: string;
    appointment_number: string;
    account_id: string;
    submission_id: string;
    slot_id: string;
    service_id: string;
    status: AppointmentStatus;
    applicant_name_encrypted: string;
    applicant_name_masked: string;
    applicant_id_number_encrypted: string;
    applicant_id_number_masked: string;
    cancel_reason: string | null;
    /** 为他人办理 (migrations/0066): the applicant's person when account_id (the 代办人) booked for them; else null. */
    principal_person_id: string | null;
    delegation_id: string | null;
    /** The 代办人's masked name as the principal sees it. */
    agent_name_masked: string | null;
    booked_at: Date;
    cancelled_at: Date | null;
    /** When the 预约提醒 went out (migrations/0053); null until then. */
    reminded_at: Generated<Date | null>;
    /** 签到 at the counter (migrations/0071): when, and by which staff member. */
    checked_in_at: Generated<Date | null>;
    checked_in_by: Generated<string | null>;
    /** Marked 未到 by the no-show job (migrations/0071). */
    no_show_at: Generated<Date | null>;
    /** The last 改约 (migrations/0071); null: never moved. */
    rescheduled_at: Generated<Date | null>;
    /** What the booking is for (migrations/0081, 年审预约's vehicle): the plate's blind index and masked label. */
    subject_index: Generated<string | null>;
    subject_label: Generated<string | null>;
    /** 上门服务 (migrations/0082, 开锁): where to come and the phone, sealed, with masked copies; else null. */
    visit_address_encrypted: Generated<string | null>;
    visit_address_masked: Generated<string | null>;
    visit_phone_encrypted: Generated<string | null>;
    visit_phone_masked: Generated<string | null>;
  };
  /** Each 改约 (migrations/0071): (account, submission id) makes a retry answer the booking without moving it. */
  appointment_reschedules: {
    id: string;
    appointment_id: string;
    account_id: string;
    submission_id: string;
    from_slot_id: string;
    to_slot_id: string;
    created_at: Date;
  };
  /** The 预约码's signing keys (migrations/0071), as coach_ticket_keys. */
  appointment_pass_keys: {
    kid: string;
    public_jwk: ColumnType<object, string, string>;
    private_jwk_encrypted: string;
    created_at: Generated<Date>;
    retired_at: Date | null;
  };
}
