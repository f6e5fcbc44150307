import type { TicketingStation } from '@yss/contracts';

export type { TicketingStation };

/**
 * The port through which 核验单位管理 links a coach station to the province's coach ticketing system. The coach
 * module owns the links and talks to the system (`coach/station-links.ts`); this module only lists and sets them,
 * so that it does not depend on the coach module (which depends on it for its verifiers).
 */
export interface TicketingStations {
  /** The linked station of each organisation that has one. */
  linked(organisationIds: readonly string[]): Promise<Map<string, TicketingStation>>;
  /** The city's stations as the ticketing system lists them now, with the organisation holding each, if any. */
  stationsOf(
    cityCode: string,
  ): Promise<(TicketingStation & { address: string; linkedTo: { id: string; name: string } | null })[]>;
  /** Link the organisation to the station, or say which organisation holds it already. */
  link(
    organisationId: string,
    station: TicketingStation,
  ): Promise<{ ok: true } | { ok: false; takenBy: { id: string; name: string } }>;
  unlink(organisationId: string): Promise<void>;
}
