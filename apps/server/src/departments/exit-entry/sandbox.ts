import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addDays, addMonthsToDate } from '../kit/dates.js';
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
  ENDORSEMENT_FEES,
  ENDORSEMENT_KINDS,
  ENDORSEMENT_STEPS,
  ENDORSEMENT_TRIPS,
  type EndorsementChannel,
  type EndorsementKind,
  type EndorsementStep,
  type EndorsementTrips,
  IN_PROGRESS_STEPS,
  ONLINE_ENDORSEMENTS,
  TAIWAN_ONLINE_CITIES,
} from './codes.js';
import type { Appointment, Endorsement, ExitEntrySpec, TravelDocument } from './contract.js';
import { type ExitEntryDb, type ExitEntryTables, exitEntryDb } from './tables.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const iso = (d: Date | string) => new Date(d).toISOString();
/** Today in China, YYYY-MM-DD (applications are made now, not on the synthetic province's date). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

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
      endorsementOptions: async ({ idNumber, documentNumber }) => this.endorsementOptions(idNumber, documentNumber),
      applyEndorsement: async (input) => this.applyEndorsement(input),
    };
  }

  /** The online endorsements of a permit of this person, each with its fee and whether it may be applied for now. */
  private async endorsementOptions(idNumber: string, documentNumber: string, db: ExitEntryDb = this.db) {
    const document = (await this.documents(idNumber, db)).find((d) => d.number === documentNumber.toUpperCase());
    if (!document) return { document: null, options: [] };
    if (document.kind !== 'hk-macao-permit' && document.kind !== 'taiwan-permit') return { document, options: [] };
    const busy = await db
      .selectFrom('dept_churujing.endorsements')
      .select('destination')
      .where('document_number', '=', document.number)
      .where('status', 'in', [...IN_PROGRESS_STEPS])
      .execute();
    const options = ONLINE_ENDORSEMENTS[document.kind].map((o) => {
      const reason =
        document.status !== 'valid'
          ? ('document-not-valid' as const)
          : o.destination === 'taiwan' && !TAIWAN_ONLINE_CITIES.includes(document.issuedCityCode ?? '')
            ? ('taiwan-not-online' as const)
            : busy.some((b) => b.destination === o.destination)
              ? ('in-progress' as const)
              : null;
      return {
        ...o,
        destinationName: DESTINATIONS[o.destination],
        kindName: ENDORSEMENT_KINDS[o.kind],
        tripsName: ENDORSEMENT_TRIPS[o.trips],
        stayDays: o.destination === 'taiwan' ? 15 : 7,
        fee: ENDORSEMENT_FEES[o.trips],
        validMonths: o.trips === 'multiple' ? 12 : o.destination === 'taiwan' ? 6 : 3,
        available: reason === null,
        reason,
      };
    });
    return { document, options };
  }

  /**
   * 在线签注: the fee paid on 粤省事, the endorsement is applied for and (in this sandbox) approved at once; it is
   * mailed later (EMS). Under the permit's row lock, so two applications at once make one endorsement; the same
   * reference again answers the endorsement it made.
   */
  private async applyEndorsement(input: {
    idNumber: string;
    documentNumber: string;
    destination: Destination;
    kind: EndorsementKind;
    trips: EndorsementTrips;
    fee: number;
    applicationReference: string;
  }) {
    const made = await this.db.transaction().execute(async (tx) => {
      const replay = await tx
        .selectFrom('dept_churujing.endorsements')
        .select('endorsement_id')
        .where('application_reference', '=', input.applicationReference)
        .executeTakeFirst();
      if (replay) return { applied: true as const, id: replay.endorsement_id };
      await tx
        .selectFrom('dept_churujing.documents')
        .select('document_number')
        .where('document_number', '=', input.documentNumber.toUpperCase())
        .forUpdate()
        .executeTakeFirst();
      const { document, options } = await this.endorsementOptions(input.idNumber, input.documentNumber, tx);
      if (!document) return { applied: false as const, reason: 'document-not-found' as const };
      const option = options.find(
        (o) => o.destination === input.destination && o.kind === input.kind && o.trips === input.trips,
      );
      if (!option) return { applied: false as const, reason: 'wrong-document' as const };
      if (option.reason) return { applied: false as const, reason: option.reason };
      if (Math.round(option.fee * 100) !== Math.round(input.fee * 100)) {
        return { applied: false as const, reason: 'fee-changed' as const };
      }
      const today = chinaToday();
      const id = randomUUID();
      const progress = (['submitted', 'paid', 'approved'] as const).map((step) => ({ step, on: today }));
      await tx
        .insertInto('dept_churujing.endorsements')
        .values({
          endorsement_id: id,
          document_number: document.number,
          id_number: input.idNumber,
          destination: input.destination,
          kind: input.kind,
          trips: input.trips,
          stay_days: option.stayDays,
          channel: 'online',
          applied_on: today,
          valid_from: today,
          valid_until: addDays(addMonthsToDate(today, option.validMonths), -1),
          fee: option.fee,
          status: 'approved',
          progress: JSON.stringify(progress),
          application_reference: input.applicationReference,
          updated_at: new Date().toISOString(),
        })
        .execute();
      return { applied: true as const, id };
    });
    if (!made.applied) return made;
    const endorsement = (await this.endorsements(input.idNumber)).find((e) => e.endorsementId === made.id);
    if (!endorsement) throw new Error('endorsement just made is missing');
    return { applied: true as const, endorsement };
  }

  private async documents(idNumber: string, db: ExitEntryDb = this.db): Promise<TravelDocument[]> {
    const rows = await db
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
