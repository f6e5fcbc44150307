import type { CoachOrderStatus, CoachTicketStatus } from '@yss/contracts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** The departure as the ticketing system answered it at ordering (the contract's CoachDeparture fields). */
export interface DepartureSnapshot {
  id: string;
  runNumber: string;
  fromStation: { id: string; name: string; cityCode: string; address: string };
  toStation: { id: string; name: string; cityCode: string; address: string };
  date: string;
  time: string;
  departsAt: string;
  durationMinutes: number;
  coachType: string;
  priceFen: number;
  seats: number;
  seatsLeft: number;
  onSale: boolean;
}

/** Tables owned by the coach module (migrations/0051_coach.sql; the dept_coach schema is the department's). */
export interface CoachTables {
  coach_orders: {
    id: string;
    order_number: string;
    account_id: string;
    submission_id: string;
    departure_id: string;
    departure: JSONColumnType<DepartureSnapshot, string, string>;
    from_city_code: string;
    hold_id: string;
    payment_id: string;
    total_fen: number;
    status: CoachOrderStatus;
    failure_note: string | null;
    expires_at: Date;
    created_at: Date;
    paid_at: Date | null;
    closed_at: Date | null;
  };
  coach_tickets: {
    id: string;
    order_id: string;
    position: number;
    seat: string;
    passenger_name_encrypted: string;
    passenger_name_masked: string;
    passenger_id_number_encrypted: string;
    passenger_id_number_masked: string;
    price_fen: number;
    ticket_number: string | null;
    status: CoachTicketStatus;
    refund_fee_fen: number | null;
    refunded_fen: number | null;
    refunded_at: Date | null;
    checked_at: Date | null;
    boarded_at: Date | null;
  };
  coach_ticket_keys: {
    kid: string;
    public_jwk: ColumnType<object, string, string>;
    private_jwk_encrypted: string;
    created_at: Generated<Date>;
    retired_at: Date | null;
  };
  coach_station_links: {
    organisation_id: string;
    station_id: string;
    /** As the ticketing system named the station when it was linked (null: linked before 0085). */
    station_name: string | null;
  };
}
