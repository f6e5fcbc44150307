import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addMonthsToDate } from '../kit/dates.js';
import { DEFAULT_AS_OF } from '../population-register/generator.js';
import {
  ENERGY_TYPES,
  type EnergyType,
  LICENCE_CLASSES,
  LICENCE_STATUSES,
  type LicenceClass,
  type LicenceStatus,
  PLATE_TYPES,
  type PlateType,
  VEHICLE_STATUSES,
  VEHICLE_TYPES,
  type VehicleStatus,
  type VehicleType,
  VIOLATION_STATUSES,
  type ViolationStatus,
} from './codes.js';
import {
  type DrivingLicence,
  EXEMPTION_REFUSALS,
  type ExemptionCheck,
  type ExemptionRefusal,
  HANDLE_REFUSALS,
  type HandleRefusal,
  type HandleViolationResult,
  type TrafficSpec,
  type Vehicle,
  type Violation,
} from './contract.js';
import { scoringCycle } from './cycle.js';
import { type TrafficDb, type TrafficTables, trafficDb } from './tables.js';
import { SandboxTrafficWrites } from './writes.js';

export interface SandboxOptions {
  /** The department's "today" (YYYY-MM-DD): the synthetic province's date, so demo data does not age. */
  today?: string;
  /** The clock for `updatedAt` of writes. */
  now?: () => Date;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/**
 * The embedded sandbox of the traffic-management system: answers from its own schema only. Handling a
 * violation is one transaction that locks the violation row, so two clicks cannot pay twice.
 */
export class SandboxTraffic<DB extends TrafficTables = TrafficTables> {
  private readonly db: TrafficDb;
  private readonly today: string;
  private readonly now: () => Date;
  private readonly writes: SandboxTrafficWrites;

  constructor(db: Kysely<DB>, options: SandboxOptions = {}) {
    this.db = trafficDb(db);
    this.today = options.today ?? DEFAULT_AS_OF;
    this.now = options.now ?? (() => new Date());
    this.writes = new SandboxTrafficWrites(db, this.today, this.now);
  }

  operations(): DepartmentImplementation<TrafficSpec> {
    return {
      drivingLicence: async ({ idNumber }) => ({ licence: (await this.licence(this.db, idNumber)) ?? null }),
      vehicles: async ({ idNumber }) => ({ vehicles: await this.vehiclesOf(idNumber) }),
      violations: async ({ idNumber }) => ({ violations: await this.violationsOf(idNumber) }),
      vehicleViolations: ({ plate, vinLast6 }) => this.byPlate(plate, vinLast6),
      handleViolation: ({ idNumber, violationId }) => this.handle(idNumber, violationId),
      ownerContact: async ({ plate }) => {
        const row = await this.db
          .selectFrom('dept_jiaoguan.vehicles')
          .select('owner_phone')
          .where('plate', '=', plate)
          .executeTakeFirst();
        return { phone: row?.owner_phone ?? null };
      },
      exemptionCheck: ({ idNumber, plate }) => this.exemption(idNumber, plate),
      issueInspectionLabel: (input) =>
        this.writes.issueInspectionLabel(input, (idNumber, plate) => this.exemption(idNumber, plate)),
      renewDrivingLicence: (input) =>
        this.writes.renewDrivingLicence(
          input,
          async (idNumber) => (await this.licence(this.db, idNumber))?.points ?? 0,
        ),
      renewVehicleLicence: (input) => this.writes.renewVehicleLicence(input),
    };
  }

  private async licence(db: TrafficDb, idNumber: string): Promise<DrivingLicence | undefined> {
    const row = await db
      .selectFrom('dept_jiaoguan.driving_licences')
      .select(['id_number', 'name', 'licence_class', 'issued_by', 'archive_number', 'status', 'updated_at'])
      .select([day('first_issued_on').as('first_issued_on'), day('valid_from').as('valid_from')])
      .select(dayOrNull('valid_until').as('valid_until'))
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    if (!row) return undefined;
    const cycle = scoringCycle(row.first_issued_on, this.today);
    const points = await this.pointsIn(db, idNumber, cycle.start, cycle.end);
    // Over the limit is a state of the points, whatever the stored status says (revoked stays revoked).
    const stored = row.status as LicenceStatus;
    const status: LicenceStatus =
      points >= 12 && (stored === 'normal' || stored === 'overdue-renewal') ? 'over-points' : stored;
    return {
      licenceNumber: row.id_number,
      name: row.name,
      licenceClass: row.licence_class as LicenceClass,
      licenceClassName: LICENCE_CLASSES[row.licence_class as LicenceClass],
      firstIssuedOn: row.first_issued_on,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      issuedBy: row.issued_by,
      archiveNumber: row.archive_number,
      status,
      statusName: LICENCE_STATUSES[status],
      points,
      cycleStart: cycle.start,
      cycleEnd: cycle.end,
      updatedAt: iso(row.updated_at),
    };
  }

  private async pointsIn(db: TrafficDb, idNumber: string, from: string, to: string): Promise<number> {
    const row = await db
      .selectFrom('dept_jiaoguan.violations')
      .select(sql<string>`coalesce(sum(points), 0)`.as('points'))
      .where('driver_id_number', '=', idNumber)
      .where('status', '=', 'handled')
      .where(sql<boolean>`handled_on between ${from}::date and ${to}::date`)
      .executeTakeFirstOrThrow();
    return Number(row.points);
  }

  private selectVehicles() {
    return this.db
      .selectFrom('dept_jiaoguan.vehicles as v')
      .selectAll('v')
      .select([
        day('v.registered_on').as('registered_day'),
        day('v.issued_on').as('issued_day'),
        day('v.inspection_valid_until').as('inspection_day'),
      ]);
  }

  private async vehiclesOf(idNumber: string): Promise<Vehicle[]> {
    const rows = await this.selectVehicles()
      .where('v.owner_id_number', '=', idNumber)
      .orderBy('v.registered_on')
      .orderBy('v.plate')
      .execute();
    return rows.map((r) => ({
      ...summary(r),
      ownerName: r.owner_name,
      address: r.owner_address,
      useCharacter: '非营运' as const,
      vin: r.vin,
      engineNumber: r.engine_number,
      seats: r.seats,
      registeredOn: r.registered_day,
      issuedOn: r.issued_day,
      cityCode: r.city_code as Vehicle['cityCode'],
      updatedAt: iso(r.updated_at),
    }));
  }

  private selectViolations(db: TrafficDb) {
    return db
      .selectFrom('dept_jiaoguan.violations as w')
      .innerJoin('dept_jiaoguan.vehicles as v', 'v.vehicle_id', 'w.vehicle_id')
      .select([
        'w.violation_id',
        'v.plate',
        'w.place',
        'w.city_code',
        'w.code',
        'w.description',
        'w.fine',
        'w.points',
        'w.authority',
        'w.status',
        'w.decision_number',
        'w.updated_at',
      ])
      .select(sql<string>`to_char(w.occurred_at, 'YYYY-MM-DD HH24:MI')`.as('occurred'))
      .select(dayOrNull('w.handled_on').as('handled'));
  }

  private async violationsOf(idNumber: string): Promise<Violation[]> {
    const rows = await this.selectViolations(this.db)
      .where('v.owner_id_number', '=', idNumber)
      .orderBy('w.occurred_at', 'desc')
      .orderBy('w.violation_id')
      .execute();
    return rows.map(toViolation);
  }

  private async byPlate(plate: string, vinLast6: string) {
    const vehicle = await this.selectVehicles().where('v.plate', '=', plate).executeTakeFirst();
    // One answer for an unknown plate and a wrong VIN: the plate alone reveals nothing.
    if (!vehicle || vehicle.vin.slice(-6) !== vinLast6) return { vehicle: null, violations: [] };
    const rows = await this.selectViolations(this.db)
      .where('w.vehicle_id', '=', vehicle.vehicle_id)
      .orderBy('w.occurred_at', 'desc')
      .orderBy('w.violation_id')
      .execute();
    return { vehicle: summary(vehicle), violations: rows.map(toViolation) };
  }

  /** 六年免检: the rule of EXEMPTION_REFUSALS, on the department's own date. */
  private async exemption(idNumber: string, plate: string): Promise<ExemptionCheck> {
    const refuse = (reason: ExemptionRefusal, extra = ''): ExemptionCheck => ({
      eligible: false,
      reason,
      message: `${EXEMPTION_REFUSALS[reason]}${extra}`,
    });
    const v = await this.selectVehicles()
      .where('v.plate', '=', plate)
      .where('v.owner_id_number', '=', idNumber)
      .executeTakeFirst();
    // Someone else's vehicle is "not found": never say whose it is.
    if (!v) return refuse('not-found');
    if (v.plate_type === 'hk-macao' || (v.vehicle_type !== 'K31' && v.vehicle_type !== 'K33'))
      return refuse('not-eligible-type');
    if (v.status === 'overdue-inspection' || v.inspection_day < this.today) return refuse('overdue');
    // The check due now is the 6th year's (the label) or a later, on-line one.
    const dueYear = Number(v.inspection_day.slice(0, 4)) - Number(v.registered_day.slice(0, 4));
    if (dueYear === 10) {
      // Labelled online already (issueInspectionLabel): the next check is the 10th year's, on the line.
      const labelled = await this.db
        .selectFrom('dept_jiaoguan.online_business')
        .select('platform_reference')
        .where('vehicle_id', '=', v.vehicle_id)
        .where('kind', '=', 'inspection-label')
        .executeTakeFirst();
      if (labelled) return refuse('labelled', `检验有效期至${v.inspection_day}。`);
    }
    if (dueYear !== 6) return refuse('too-old');
    const applyFrom = addMonthsToDate(v.inspection_day, -3);
    if (this.today < applyFrom)
      return refuse('too-early', `请在检验有效期满前3个月内申请（${applyFrom}至${v.inspection_day}）。`);
    const open = await this.db
      .selectFrom('dept_jiaoguan.violations')
      .select(sql<string>`count(*)`.as('n'))
      .where('vehicle_id', '=', v.vehicle_id)
      .where('status', '=', 'unhandled')
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0) return refuse('violations');
    if (v.unresolved_accidents > 0) return refuse('accidents');
    return { eligible: true, plate: v.plate, inspectionValidUntil: v.inspection_day, applyFrom };
  }

  private async handle(idNumber: string, violationId: string): Promise<HandleViolationResult> {
    return this.db.transaction().execute(async (tx) => {
      const refuse = (reason: HandleRefusal): HandleViolationResult => ({
        handled: false,
        reason,
        message: HANDLE_REFUSALS[reason],
      });
      const target = await tx
        .selectFrom('dept_jiaoguan.violations as w')
        .innerJoin('dept_jiaoguan.vehicles as v', 'v.vehicle_id', 'w.vehicle_id')
        .select(['w.violation_id', 'w.status', 'w.points', 'w.city_code'])
        .where('w.violation_id', '=', violationId)
        .where('v.owner_id_number', '=', idNumber)
        .forUpdate('w')
        .executeTakeFirst();
      // Someone else's violation is "not found": never say that it exists.
      if (!target) return refuse('not-found');
      if (target.status === 'handled') return refuse('already-handled');
      let driver: string | null = null;
      if (target.points > 0) {
        const licence = await this.licence(tx, idNumber);
        if (!licence) return refuse('no-licence');
        if (licence.status !== 'normal') return refuse('licence-invalid');
        if (licence.points + target.points >= 12) return refuse('points-limit');
        driver = idNumber;
      }
      const decision = `${target.city_code}${violationId
        .replace(/[^0-9]/g, '')
        .padEnd(9, '0')
        .slice(0, 9)}`;
      await tx
        .updateTable('dept_jiaoguan.violations')
        .set({
          status: 'handled',
          handled_on: this.today,
          decision_number: decision,
          driver_id_number: driver,
          updated_at: this.now().toISOString(),
        })
        .where('violation_id', '=', violationId)
        .execute();
      const row = await this.selectViolations(tx).where('w.violation_id', '=', violationId).executeTakeFirstOrThrow();
      const licence = await this.licence(tx, idNumber);
      return { handled: true, violation: toViolation(row), licencePoints: licence?.points ?? null };
    });
  }
}

interface VehicleRow {
  plate: string;
  plate_type: string;
  vehicle_type: string;
  brand_model: string;
  energy: string;
  status: string;
  inspection_day: string;
}

function summary(r: VehicleRow) {
  return {
    plate: r.plate,
    plateType: r.plate_type as PlateType,
    plateTypeName: PLATE_TYPES[r.plate_type as PlateType],
    vehicleType: r.vehicle_type as VehicleType,
    vehicleTypeName: VEHICLE_TYPES[r.vehicle_type as VehicleType],
    brandModel: r.brand_model,
    energy: r.energy as EnergyType,
    energyName: ENERGY_TYPES[r.energy as EnergyType],
    inspectionValidUntil: r.inspection_day,
    status: r.status as VehicleStatus,
    statusName: VEHICLE_STATUSES[r.status as VehicleStatus],
  };
}

interface ViolationRow {
  violation_id: string;
  plate: string;
  occurred: string;
  place: string;
  city_code: string;
  code: string;
  description: string;
  fine: number;
  points: number;
  authority: string;
  status: string;
  handled: string | null;
  decision_number: string | null;
  updated_at: Date;
}

function toViolation(r: ViolationRow): Violation {
  return {
    violationId: r.violation_id,
    plate: r.plate,
    occurredAt: r.occurred,
    place: r.place,
    cityCode: r.city_code as Violation['cityCode'],
    code: r.code,
    description: r.description,
    fine: r.fine,
    points: r.points,
    authority: r.authority,
    status: r.status as ViolationStatus,
    statusName: VIOLATION_STATUSES[r.status as ViolationStatus],
    handledOn: r.handled,
    decisionNumber: r.decision_number,
    updatedAt: iso(r.updated_at),
  };
}
