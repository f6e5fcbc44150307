import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { STAR_LEVEL_NAMES, starLevel, VOLUNTEER_STATUSES, type VolunteerStatus } from './codes.js';
import type { Volunteer, VolunteersSpec } from './contract.js';
import { type VolunteersDb, type VolunteersTables, volunteersDb } from './tables.js';

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** The embedded sandbox of the volunteer registry (i志愿): reads its own schema only. */
export class SandboxVolunteers<DB extends VolunteersTables = VolunteersTables> {
  private readonly db: VolunteersDb;

  constructor(db: Kysely<DB>) {
    this.db = volunteersDb(db);
  }

  operations(): DepartmentImplementation<VolunteersSpec> {
    return {
      volunteer: async ({ idNumber }) => ({ volunteer: (await this.volunteer(idNumber)) ?? null }),
    };
  }

  private async volunteer(idNumber: string): Promise<Volunteer | undefined> {
    const r = await this.db
      .selectFrom('dept_zhiyuan.volunteers')
      .select(['volunteer_number', 'name', 'organisation', 'city_code', 'service_hours', 'status', 'updated_at'])
      .select([
        day('registered_on').as('registered'),
        day('last_service_on').as('last_service'),
        day('cancelled_on').as('cancelled'),
      ])
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    if (!r) return undefined;
    // numeric(8,1) comes back as text: one decimal, never a float artefact.
    const hours = Math.round(Number(r.service_hours) * 10) / 10;
    const level = starLevel(hours);
    const status = r.status as VolunteerStatus;
    return {
      volunteerNumber: r.volunteer_number,
      name: r.name,
      registeredOn: r.registered as string,
      organisation: r.organisation,
      cityCode: r.city_code as Volunteer['cityCode'],
      serviceHours: hours,
      starLevel: level,
      starLevelName: STAR_LEVEL_NAMES[level],
      lastServiceOn: r.last_service,
      status,
      statusName: VOLUNTEER_STATUSES[status],
      cancelledOn: r.cancelled,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}
