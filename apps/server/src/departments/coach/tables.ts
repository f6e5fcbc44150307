import type { ColumnType, Kysely } from 'kysely';

type Moment = ColumnType<Date, Date | string, Date | string>;
type NullableMoment = ColumnType<Date | null, Date | string | null, Date | string | null>;

/**
 * Tables of the sandbox coach ticketing system, schema `dept_coach` (migrations/0051_coach.sql). Only
 * coach/sandbox.ts uses them. The timetable itself is computed (timetable.ts); a departure becomes a row when
 * seats are first held on it, and from then on that row is what holds lock.
 */
export interface CoachDeptTables {
  'dept_coach.departures': {
    id: string;
    station_id: string;
    departs_at: Moment;
    seats: number;
    price_fen: number;
    created_at: Moment;
  };
  'dept_coach.holds': {
    id: string;
    departure_id: string;
    seat_count: number;
    status: 'held' | 'issued' | 'released';
    expires_at: Moment;
    created_at: Moment;
    issued_at: NullableMoment;
  };
  /** A taken seat: held (until the hold lapses) or ticketed (until refunded). */
  'dept_coach.seats': {
    departure_id: string;
    seat_no: number;
    hold_id: string;
  };
  'dept_coach.tickets': {
    ticket_number: string;
    hold_id: string;
    departure_id: string;
    seat_no: number;
    passenger_name: string;
    id_number: string;
    price_fen: number;
    status: 'issued' | 'checked' | 'boarded' | 'refunded';
    refund_fee_fen: number | null;
    refunded_fen: number | null;
    refunded_at: NullableMoment;
    checked_at: NullableMoment;
    boarded_at: NullableMoment;
    issued_at: Moment;
  };
}

export type CoachDeptDb = Kysely<CoachDeptTables>;

export function coachDeptDb<DB extends CoachDeptTables>(db: Kysely<DB>): CoachDeptDb {
  return db as unknown as CoachDeptDb;
}
