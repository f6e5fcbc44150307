import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumber, IdNumberInput, IsoDate, UpdatedAt } from '../kit/inputs.js';
import {
  ENERGY_TYPES,
  LICENCE_CLASSES,
  LICENCE_STATUSES,
  PLATE_TYPES,
  VEHICLE_STATUSES,
  VEHICLE_TYPES,
  VIOLATION_STATUSES,
} from './codes.js';
import {
  IssueInspectionLabelInput,
  IssueInspectionLabelOutput,
  LABELLED_REFUSAL,
  PlateInput,
  RenewDrivingLicenceInput,
  RenewDrivingLicenceOutput,
  RenewVehicleLicenceInput,
  RenewVehicleLicenceOutput,
} from './writes.js';

/**
 * The traffic-management system (公安交通管理, 交管) as a department contract: driving licences (驾驶证),
 * vehicles with their 行驶证 data, traffic violations (违法记录), looked up by the citizen's ID number or,
 * as on 交管12123, by plate number + the last six characters of the VIN; and handling (处理并缴款) of a
 * violation online. Fines are in yuan (whole yuan: fines are never fractional); dates YYYY-MM-DD; times of
 * violations 'YYYY-MM-DD HH:mm' in Beijing time.
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export { PLATE_INPUT_MESSAGE } from './writes.js';

const LocalTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

export const DrivingLicence = z
  .object({
    /** 驾驶证号: the holder's ID number. */
    licenceNumber: z.string(),
    name: z.string(),
    /** 准驾车型 */
    licenceClass: z.enum(keys(LICENCE_CLASSES)),
    licenceClassName: z.string(),
    /** 初次领证日期 */
    firstIssuedOn: IsoDate,
    /** 有效期起始日期 */
    validFrom: IsoDate,
    /** 有效期至; null = 长期 */
    validUntil: IsoDate.nullable(),
    /** 发证机关 */
    issuedBy: z.string(),
    /** 档案编号 */
    archiveNumber: z.string(),
    status: z.enum(keys(LICENCE_STATUSES)),
    statusName: z.string(),
    /** 累积记分 in the current scoring cycle (记分周期): 0–12 and above when over the limit. */
    points: z.number().int().min(0),
    cycleStart: IsoDate,
    cycleEnd: IsoDate,
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'TrafficDrivingLicence', description: '驾驶证' });
export type DrivingLicence = z.infer<typeof DrivingLicence>;

const VehicleSummaryShape = {
  /** 号牌号码 */
  plate: z.string(),
  plateType: z.enum(keys(PLATE_TYPES)),
  plateTypeName: z.string(),
  /** 车辆类型 (GA 802 code, e.g. K33) and its name */
  vehicleType: z.enum(keys(VEHICLE_TYPES)),
  vehicleTypeName: z.string(),
  /** 品牌型号 */
  brandModel: z.string(),
  energy: z.enum(keys(ENERGY_TYPES)),
  energyName: z.string(),
  /** 检验有效期至 */
  inspectionValidUntil: IsoDate,
  status: z.enum(keys(VEHICLE_STATUSES)),
  statusName: z.string(),
};

/** What anyone holding the vehicle's papers (plate + VIN) may see: the vehicle, never its owner. */
export const VehicleSummary = z.object(VehicleSummaryShape).meta({ id: 'TrafficVehicleSummary' });

export const Vehicle = z
  .object({
    ...VehicleSummaryShape,
    /** 所有人 */
    ownerName: z.string(),
    /** 住址 */
    address: z.string(),
    /** 使用性质 */
    useCharacter: z.literal('非营运'),
    /** 车辆识别代号 (VIN) */
    vin: z.string().regex(/^[0-9A-HJ-NPR-Z]{17}$/),
    /** 发动机号码 */
    engineNumber: z.string(),
    /** 核定载人数 */
    seats: z.number().int().positive(),
    /** 注册日期 */
    registeredOn: IsoDate,
    /** 发证日期 */
    issuedOn: IsoDate,
    /** City of the issuing authority (the owner's city of residence at registration). */
    cityCode: z.enum(CITY_CODES).nullable(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'TrafficVehicle', description: '机动车（行驶证信息）' });
export type Vehicle = z.infer<typeof Vehicle>;

export const Violation = z
  .object({
    violationId: z.uuid(),
    plate: z.string(),
    /** 违法时间, Beijing time */
    occurredAt: LocalTime,
    /** 违法地点 */
    place: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 违法代码 and 违法行为 */
    code: z.string().regex(/^\d{4}$/),
    description: z.string(),
    /** 罚款金额 (yuan) */
    fine: z.number().int().min(0),
    /** 记分 */
    points: z.number().int().min(0).max(12),
    /** 采集机关 */
    authority: z.string(),
    status: z.enum(keys(VIOLATION_STATUSES)),
    statusName: z.string(),
    /** 处理时间 (and payment), when handled */
    handledOn: IsoDate.nullable(),
    /** 决定书编号, when handled */
    decisionNumber: z.string().nullable(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'TrafficViolation', description: '交通违法记录' });
export type Violation = z.infer<typeof Violation>;

export const HANDLE_REFUSALS = {
  'not-found': '未找到该违法记录，请核对后重试。',
  'already-handled': '该违法记录已处理，无需重复处理。',
  'no-licence': '该违法行为需要记分，您名下没有可用于记分的驾驶证，请到公安交通管理部门窗口处理。',
  'licence-invalid': '您的驾驶证状态异常，暂不能在线处理记分违法，请到公安交通管理部门窗口处理。',
  'points-limit': '处理该违法后累积记分将达到12分，暂不能在线处理，请到公安交通管理部门窗口处理。',
} as const;
export type HandleRefusal = keyof typeof HANDLE_REFUSALS;

export const HandleViolationResult = z
  .discriminatedUnion('handled', [
    z.object({
      handled: z.literal(true),
      violation: Violation,
      /** The holder's points in the current cycle after this one. */
      licencePoints: z.number().int().min(0).nullable(),
    }),
    z.object({ handled: z.literal(false), reason: z.enum(keys(HANDLE_REFUSALS)), message: z.string() }),
  ])
  .meta({ id: 'TrafficHandleViolationResult' });
export type HandleViolationResult = z.infer<typeof HandleViolationResult>;

/**
 * 六年免检 (2022 rules, as `inspectionDue` of the generator): a non-operating small or mini passenger car (面包车
 * excepted) is not inspected on the line for its first 10 years; in its 6th year the owner applies for the
 * inspection label (检验标志) instead, in the 3 months before the 检验有效期 ends, once the vehicle's violations and
 * accidents are all dealt with. The department decides from its record; a refusal carries its words.
 */
export const EXEMPTION_REFUSALS = {
  'not-found': '未找到您名下该号牌的机动车，请核对号牌号码。',
  'not-eligible-type':
    '六年免检仅适用于非营运小型、微型载客汽车（面包车除外），该车辆不符合条件，请到机动车检验机构检验。',
  'too-old': '该车辆注册登记已超过6年，本检验周期需到机动车安全技术检验机构上线检验，不能申请免检。',
  'too-early': '该车辆未到申领检验标志的时间。',
  overdue: '该车辆已逾期未检验，不能申请免检，请到机动车安全技术检验机构上线检验。',
  violations: '该车辆有未处理的交通违法记录，请处理完毕后再申请六年免检。',
  accidents: '该车辆有未处理完毕的交通事故，请处理完毕后再申请六年免检。',
  labelled: LABELLED_REFUSAL,
} as const;
export type ExemptionRefusal = keyof typeof EXEMPTION_REFUSALS;

export const ExemptionCheck = z
  .discriminatedUnion('eligible', [
    z.object({
      eligible: z.literal(true),
      plate: z.string(),
      /** The current 检验有效期至, which the label extends (to the 10th year). */
      inspectionValidUntil: IsoDate,
      /** The first day the owner may apply (3 months before). */
      applyFrom: IsoDate,
    }),
    z.object({ eligible: z.literal(false), reason: z.enum(keys(EXEMPTION_REFUSALS)), message: z.string() }),
  ])
  .meta({ id: 'TrafficExemptionCheck' });
export type ExemptionCheck = z.infer<typeof ExemptionCheck>;

export const TRAFFIC_DEPARTMENT_ID = 'traffic';

export const trafficSpec = defineDepartment({
  id: TRAFFIC_DEPARTMENT_ID,
  name: '广东省公安厅交通管理局',
  catalogDepartmentIds: ['gd-traffic-police'],
  operations: {
    drivingLicence: {
      summary: '驾驶证: the licence of an ID number with its points in the current cycle, or null',
      input: IdNumberInput,
      output: z.object({ licence: DrivingLicence.nullable() }),
      idempotent: true,
    },
    vehicles: {
      summary: '行驶证: the vehicles registered to an ID number',
      input: IdNumberInput,
      output: z.object({ vehicles: z.array(Vehicle) }),
      idempotent: true,
    },
    violations: {
      summary: '违法查询: violations of the vehicles registered to an ID number, newest first',
      input: IdNumberInput,
      output: z.object({ violations: z.array(Violation) }),
      idempotent: true,
    },
    vehicleViolations: {
      summary: '按车牌查询违法: plate + last 6 characters of the VIN (as 交管12123), or null',
      input: z.object({
        plate: PlateInput,
        vinLast6: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[0-9A-HJ-NPR-Z]{6}$/, '请输入车辆识别代号（车架号）后6位'),
      }),
      output: z.object({ vehicle: VehicleSummary.nullable(), violations: z.array(Violation) }),
      idempotent: true,
    },
    handleViolation: {
      summary: '违法处理: handle and pay a violation of one of the owner’s vehicles (points go to their licence)',
      input: z.object({ idNumber: IdNumber, violationId: z.uuid('违法记录编号有误') }),
      output: HandleViolationResult,
      idempotent: false,
    },
    ownerContact: {
      summary:
        '一键移车: the mobile number the owner of a plate registered (for the one reminder SMS; never shown), or null',
      input: z.object({ plate: PlateInput }),
      output: z.object({
        phone: z
          .string()
          .regex(/^1[3-9]\d{9}$/)
          .nullable(),
      }),
      idempotent: true,
    },
    exemptionCheck: {
      summary: '六年免检: whether the owner’s vehicle may have its inspection label without an on-line inspection',
      input: z.object({ idNumber: IdNumber, plate: PlateInput }),
      output: ExemptionCheck,
      idempotent: true,
    },
    // Writes for approved online cases (docs/cases.md "Fulfilment"), idempotent by the platform's reference.
    issueInspectionLabel: {
      summary:
        '六年免检: the inspection label of an approved case, 检验有效期 to the 10th year (same reference: the first result)',
      input: IssueInspectionLabelInput,
      output: IssueInspectionLabelOutput,
      idempotent: false,
    },
    renewDrivingLicence: {
      summary:
        '驾驶证换证: renew (6 → 10 → 长期) or replace the licence of an approved case (same reference: the first result)',
      input: RenewDrivingLicenceInput,
      output: RenewDrivingLicenceOutput,
      idempotent: false,
    },
    renewVehicleLicence: {
      summary: '行驶证换证: a new 行驶证 for an approved case (same reference: the first result)',
      input: RenewVehicleLicenceInput,
      output: RenewVehicleLicenceOutput,
      idempotent: false,
    },
  },
});
export type TrafficSpec = typeof trafficSpec;
