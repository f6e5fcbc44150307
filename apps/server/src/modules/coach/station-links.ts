import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import type { TicketingStation, TicketingStations } from '../wallet-verifier/index.js';
import * as repo from './repository.js';

/**
 * Which station of the province's coach ticketing system (联网售票系统) a coach-station verifier organisation is:
 * its clerks' 验票 and 上车 happen at that station (`CoachStationService`). The console's 核验单位管理 sets it through
 * this port; the station's name is kept as the system gave it when linked, so that the register lists it without
 * asking the system for every page. One station is one organisation (a unique index): two registrations of the
 * same station would check each other's tickets.
 */
export class CoachStationLinks implements TicketingStations {
  constructor(
    private readonly db: Db,
    private readonly coach: Departments['coach'],
  ) {}

  async linked(organisationIds: readonly string[]): Promise<Map<string, TicketingStation>> {
    const byOrganisation = new Map<string, TicketingStation>();
    if (organisationIds.length === 0) return byOrganisation;
    const rows = await this.db
      .selectFrom('coach_station_links')
      .select(['organisation_id', 'station_id', 'station_name'])
      .where('organisation_id', 'in', [...organisationIds])
      .execute();
    for (const r of rows)
      byOrganisation.set(r.organisation_id, { id: r.station_id, name: r.station_name ?? r.station_id });
    return byOrganisation;
  }

  /** The city's stations as the ticketing system lists them now (a department call: it may be unavailable). */
  async stationsOf(cityCode: string) {
    const { stations } = await this.coach.client.stations({ cityCode: cityCode as never });
    if (stations.length === 0) return [];
    const taken = await this.db
      .selectFrom('coach_station_links as l')
      .innerJoin('verifier_organisations as o', 'o.id', 'l.organisation_id')
      .select(['l.station_id', 'o.id', 'o.name'])
      .where(
        'l.station_id',
        'in',
        stations.map((s) => s.id),
      )
      .execute();
    const holder = new Map(taken.map((t) => [t.station_id, { id: t.id, name: t.name }]));
    return stations.map((s) => ({ id: s.id, name: s.name, address: s.address, linkedTo: holder.get(s.id) ?? null }));
  }

  /**
   * Link the organisation to the station (replacing its previous one). Answers the organisation already holding
   * the station instead, when another does: the unique index decides between two admins at the same moment.
   */
  async link(
    organisationId: string,
    station: TicketingStation,
  ): Promise<{ ok: true } | { ok: false; takenBy: { id: string; name: string } }> {
    const holder = async () =>
      this.db
        .selectFrom('coach_station_links as l')
        .innerJoin('verifier_organisations as o', 'o.id', 'l.organisation_id')
        .select(['o.id', 'o.name'])
        .where('l.station_id', '=', station.id)
        .where('l.organisation_id', '!=', organisationId)
        .executeTakeFirst();
    const before = await holder();
    if (before) return { ok: false, takenBy: before };
    try {
      await repo.linkStation(this.db, organisationId, station);
    } catch (err) {
      const now = await holder();
      if (now) return { ok: false, takenBy: now };
      throw err;
    }
    return { ok: true };
  }

  async unlink(organisationId: string): Promise<void> {
    await repo.unlinkStation(this.db, organisationId);
  }
}
