import type { Db } from '../../db/database.js';
import { findOrganisation } from '../wallet-verifier/index.js';
import { linkStation } from './repository.js';

/**
 * The demo's coach-station verifier organisations and the ticketing system's stations they are (seeded after the
 * demo verifiers): fs.coach.clerk works at 佛山汽车站, gz.coach.clerk at 广州市汽车客运站.
 */
export const DEMO_STATION_LINKS = [
  { organisation: '佛山汽车站', cityCode: '440600', stationId: 'FS01', stationName: '佛山汽车站' },
  { organisation: '广州市汽车客运站', cityCode: '440100', stationId: 'GZ01', stationName: '广州市汽车客运站' },
] as const;

export async function seedDemoStationLinks(db: Db): Promise<void> {
  for (const link of DEMO_STATION_LINKS) {
    const org = await findOrganisation(db, link.organisation, link.cityCode);
    if (org?.kind === 'coach-station') await linkStation(db, org.id, { id: link.stationId, name: link.stationName });
  }
}
