import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { DEFAULT_AS_OF } from '../population-register/generator.js';
import {
  APPOINTMENT_BUSINESSES,
  APPOINTMENT_STATUSES,
  type AppointmentBusiness,
  type AppointmentStatus,
  DESTINATIONS,
  type Destination,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type DocumentKind,
  type DocumentStatus,
  ENDORSEMENT_CHANNELS,
  ENDORSEMENT_KINDS,
  ENDORSEMENT_STEPS,
  ENDORSEMENT_TRIPS,
  type EndorsementChannel,
  type EndorsementKind,
  type EndorsementStep,
  type EndorsementTrips,
} from './codes.js';
import type { Appointment, Endorsement, ExitEntrySpec, TravelDocument } from './contract.js';
import { type ExitEntryDb, type ExitEntryTables, exitEntryDb } from './tables.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const iso = (d: Date | string) => new Date(d).toISOString();

/** The embedded sandbox of the exit-entry system: reads its own schema only. */
export class SandboxExitEntry<DB extends ExitEntryTables = ExitEntryTables> {
  private readonly db: ExitEntryDb;
  private readonly today: string;

  constructor(db: Kysely<DB>, options: { today?: string } = {}) {
    this.db = exitEntryDb(db);
    this.today = options.today ?? DEFAULT_AS_OF;
  }

  operations(): DepartmentImplementation<ExitEntrySpec> {
    return {
      documents: async ({ idNumber }) => ({ documents: await this.documents(idNumber) }),
      endorsements: async ({ idNumber }) => ({ endorsements: await this.endorsements(idNumber) }),
      appointments: async ({ idNumber }) => ({ appointments: await this.appointments(idNumber) }),
    };
  }

  private async documents(idNumber: string): Promise<TravelDocument[]> {
    const rows = await this.db
      .selectFrom('dept_churujing.documents')
      .select([
        'document_number',
        'kind',
        'name',
        'issued_by',
        'issue_place',
        'issued_city_code',
        'status',
        'updated_at',
      ])
      .select([day('issued_on').as('issued'), day('valid_until').as('until')])
      .where('id_number', '=', idNumber)
      .orderBy('issued_on', 'desc')
      .orderBy('document_number')
      .execute();
    return rows.map((r) => {
      // A document past its date is expired whatever was stored when it was valid.
      const status: DocumentStatus =
        r.status === 'valid' && r.until < this.today ? 'expired' : (r.status as DocumentStatus);
      return {
        number: r.document_number,
        kind: r.kind as DocumentKind,
        kindName: DOCUMENT_KINDS[r.kind as DocumentKind],
        name: r.name,
        issuedOn: r.issued,
        validUntil: r.until,
        issuedBy: r.issued_by,
        issuePlace: r.issue_place,
        issuedInGuangdong: r.issued_city_code !== null,
        issuedCityCode: r.issued_city_code as TravelDocument['issuedCityCode'],
        status,
        statusName: DOCUMENT_STATUSES[status],
        updatedAt: iso(r.updated_at),
      };
    });
  }

  private async endorsements(idNumber: string): Promise<Endorsement[]> {
    const rows = await this.db
      .selectFrom('dept_churujing.endorsements')
      .select([
        'endorsement_id',
        'document_number',
        'destination',
        'kind',
        'trips',
        'stay_days',
        'channel',
        'fee',
        'status',
        'progress',
        'updated_at',
      ])
      .select([
        day('applied_on').as('applied'),
        dayOrNull('valid_from').as('from'),
        dayOrNull('valid_until').as('until'),
      ])
      .where('id_number', '=', idNumber)
      .orderBy('applied_on', 'desc')
      .orderBy('endorsement_id')
      .execute();
    return rows.map((r) => {
      const progress = typeof r.progress === 'string' ? JSON.parse(r.progress) : r.progress;
      return {
        endorsementId: r.endorsement_id,
        documentNumber: r.document_number,
        destination: r.destination as Destination,
        destinationName: DESTINATIONS[r.destination as Destination],
        kind: r.kind as EndorsementKind,
        kindName: ENDORSEMENT_KINDS[r.kind as EndorsementKind],
        trips: r.trips as EndorsementTrips,
        tripsName: ENDORSEMENT_TRIPS[r.trips as EndorsementTrips],
        stayDays: r.stay_days,
        channel: r.channel as EndorsementChannel,
        channelName: ENDORSEMENT_CHANNELS[r.channel as EndorsementChannel],
        appliedOn: r.applied,
        validFrom: r.from,
        validUntil: r.until,
        fee: Number(r.fee),
        status: r.status as EndorsementStep,
        statusName: ENDORSEMENT_STEPS[r.status as EndorsementStep],
        progress: (progress as { step: EndorsementStep; on: string }[]).map((p) => ({
          step: p.step,
          name: ENDORSEMENT_STEPS[p.step],
          on: p.on,
        })),
        updatedAt: iso(r.updated_at),
      };
    });
  }

  private async appointments(idNumber: string): Promise<Appointment[]> {
    // Two indexed lookups (as applicant, as booker) rather than one OR the planner may not index.
    const select = () =>
      this.db
        .selectFrom('dept_churujing.appointments')
        .select([
          'appointment_id',
          'id_number',
          'applicant_name',
          'business',
          'document_kind',
          'office',
          'city_code',
          'time_slot',
          'status',
          'updated_at',
        ])
        .select([day('appointment_date').as('date'), day('booked_on').as('booked')]);
    const [own, forOthers] = await Promise.all([
      select().where('id_number', '=', idNumber).execute(),
      select().where('booked_by_id_number', '=', idNumber).where('id_number', '<>', idNumber).execute(),
    ]);
    return [...own, ...forOthers]
      .map((r) => ({
        appointmentId: r.appointment_id,
        role: r.id_number === idNumber ? ('applicant' as const) : ('booker' as const),
        applicantName: r.applicant_name,
        business: r.business as AppointmentBusiness,
        businessName: APPOINTMENT_BUSINESSES[r.business as AppointmentBusiness],
        documentKind: r.document_kind as DocumentKind,
        documentKindName: DOCUMENT_KINDS[r.document_kind as DocumentKind],
        office: r.office,
        cityCode: r.city_code as Appointment['cityCode'],
        date: r.date,
        timeSlot: r.time_slot,
        bookedOn: r.booked,
        status: r.status as AppointmentStatus,
        statusName: APPOINTMENT_STATUSES[r.status as AppointmentStatus],
        updatedAt: iso(r.updated_at),
      }))
      .sort((a, b) => b.date.localeCompare(a.date) || a.appointmentId.localeCompare(b.appointmentId));
  }
}
