import type { ColumnType, Generated } from 'kysely';

/** 行程订阅's saved trips (migrations/0060_travel_trips.sql). */
export interface TravelTables {
  travel_trips: {
    id: Generated<string>;
    account_id: string;
    from_city: string;
    to_city: string;
    /** China date; read back as YYYY-MM-DD text (see repository: cast in SQL, both engines alike) */
    trip_date: ColumnType<string, string, string>;
    mode: 'drive' | 'rail' | 'flight' | 'coach';
    train_number: string | null;
    flight_number: string | null;
    created_at: Generated<Date>;
  };
}
