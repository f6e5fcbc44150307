import type { ColumnType, Kysely } from 'kysely';

type Moment = ColumnType<Date, Date | string, Date | string>;
type NullableMoment = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** Tables of the sandbox civil-aviation system, schema `dept_flights` (migrations/0062). Only flights/sandbox.ts. */
export interface FlightsDeptTables {
  'dept_flights.check_ins': {
    id: string;
    ticket_number: string;
    flight_id: string;
    seat: string;
    sequence: number;
    status: 'checked-in' | 'cancelled';
    checked_in_at: Moment;
    cancelled_at: NullableMoment;
  };
  'dept_flights.signing_keys': {
    kid: string;
    public_jwk: ColumnType<unknown, string, string>;
    private_jwk: ColumnType<unknown, string, string>;
    only_one: ColumnType<boolean, boolean | undefined, never>;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
}

export type FlightsDeptDb = Kysely<FlightsDeptTables>;

export function flightsDeptDb<DB extends FlightsDeptTables>(db: Kysely<DB>): FlightsDeptDb {
  return db as unknown as FlightsDeptDb;
}
