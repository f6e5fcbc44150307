import { ActingQuery, CITY_CODES, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArchiveWhereabouts, EmploymentCertificate } from '../../departments/education/contract.js';
import {
  APPROVAL_STEPS,
  type ApprovalStep,
  ID_CARD_PATHS,
  ID_CARD_STEPS,
  type IdCardStep,
} from '../../departments/population-register/household-codes.js';
import type { HouseholdApproval, IdCardApplication } from '../../departments/population-register/household-contract.js';
import type { Departments } from '../../departments/registry.js';
import type { DrivingLicence, Vehicle, Violation } from '../../departments/traffic/contract.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import { maskName } from '../privacy/index.js';
import type { OpenedLookup, PersonalLookupGate } from './personal-gate.js';
import { CityParam } from './query-params.js';

/**
 * The records lookups of issue 5, each behind the personal lookup gate (fresh verification, the city rule in
 * the catalog's words, `?for=` only where the catalog lets someone act for another, audited):
 * 身份证办理查询 (C3), 户政审批查询 (C4), 违法查询 (D3) and 毕业生档案去向查询 (F2). Answers are presented
 * through the mappers below, never as the department's records: no ID number, no licence number (it is the
 * ID number), no VIN, no owner's address.
 */

export const RECORDS_SERVICES = {
  idCard: 'shenfenzheng-banli-chaxun',
  approvals: 'huzheng-shenpi-chaxun',
  violations: 'weifa-chaxun',
  archive: 'biyesheng-dangan-quxiang',
} as const;

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const CityQuery = ActingQuery.extend({ city: CityParam });
const Day = z.string().meta({ description: 'YYYY-MM-DD' });

// ------------------------------------------------------------------------------------------------------
// Progress timelines (C3, C4): the steps done, with their dates, and the steps still to come
// ------------------------------------------------------------------------------------------------------

export const ProgressStep = z
  .object({
    step: z.string(),
    name: z.string(),
    /** The day the step was reached; null for a step still to come. */
    on: Day.nullable(),
    state: z.enum(['done', 'current', 'pending', 'rejected']),
  })
  .meta({ id: 'ProgressStep', description: '办理进度的一步' });
export type ProgressStep = z.infer<typeof ProgressStep>;

/**
 * The whole path: the department's steps done (the last one is where the case stands: `current`, or `done`
 * when the case is finished) followed by the steps of `path` not reached yet (`pending`).
 */
export function timeline<S extends string>(
  done: readonly { step: S; name: string; on: string }[],
  path: readonly S[],
  names: Record<S, string>,
  o: { finished: boolean; rejected?: boolean },
): ProgressStep[] {
  const reached = new Set(done.map((d) => d.step));
  const last = done.length - 1;
  const steps: ProgressStep[] = done.map((d, i) => ({
    step: d.step,
    name: d.name,
    on: d.on,
    state: i < last ? 'done' : o.rejected ? 'rejected' : o.finished ? 'done' : 'current',
  }));
  if (o.finished) return steps;
  const from = last >= 0 ? path.indexOf(done[last]?.step as S) + 1 : 0;
  for (const step of path.slice(Math.max(0, from))) {
    if (!reached.has(step)) steps.push({ step, name: names[step], on: null, state: 'pending' });
  }
  return steps;
}

// ------------------------------------------------------------------------------------------------------
// C3 身份证办理查询
// ------------------------------------------------------------------------------------------------------

export const IdCardProgress = z
  .object({
    applicationId: z.string(),
    kind: z.string(),
    /** 首次申领 / 有效期满换领 / 损坏换领 / 丢失补领 */
    kindName: z.string(),
    /** Where it was handled (异地受理: any Guangdong city, whatever the hukou). */
    cityCode: z.enum(CITY_CODES),
    /** 受理单位 */
    office: z.string(),
    acceptedOn: Day,
    /** 工本费 (yuan) */
    fee: z.number(),
    collection: z.enum(['counter', 'mail']),
    /** 受理点领取 / 邮寄到家 */
    collectionName: z.string(),
    status: z.string(),
    statusName: z.string(),
    /** Every step of the card's path, done and to come. */
    steps: z.array(ProgressStep),
    updatedAt: z.string(),
  })
  .meta({ id: 'IdCardProgress', description: '身份证办理进度' });

export const IdCardApplications = z
  .object({ subject: RecordSubject, applications: z.array(IdCardProgress), source: RecordSource })
  .meta({
    id: 'IdCardApplications',
    description: '身份证办理查询 (C3): cards handled in Guangdong in the last half year',
  });

function presentIdCard(a: IdCardApplication): z.infer<typeof IdCardProgress> {
  const path = ID_CARD_PATHS[a.collection];
  const finished = a.status === path.at(-1);
  return {
    applicationId: a.applicationId,
    kind: a.kind,
    kindName: a.kindName,
    cityCode: a.cityCode,
    office: a.office,
    acceptedOn: a.acceptedOn,
    fee: a.fee,
    collection: a.collection,
    collectionName: a.collectionName,
    status: a.status,
    statusName: a.statusName,
    steps: timeline<IdCardStep>(a.progress, path, ID_CARD_STEPS, { finished }),
    updatedAt: a.updatedAt,
  };
}

// ------------------------------------------------------------------------------------------------------
// C4 户政审批查询
// ------------------------------------------------------------------------------------------------------

export const HouseholdApprovalProgress = z
  .object({
    approvalId: z.string(),
    /** 受理编号 */
    number: z.string(),
    kind: z.string(),
    /** 出生审批, 市外迁入, 市内移居, 非原址恢复户口, 户口注销, 恢复户口, 项目变更, 所内非转农 */
    kindName: z.string(),
    /** subject: the approval is about the person; applicant: they applied (for a child, a late parent …). */
    role: z.enum(['subject', 'applicant']),
    /** Names masked (张*): the other party may be someone else. */
    subjectNameMasked: z.string(),
    applicantNameMasked: z.string().nullable(),
    cityCode: z.enum(CITY_CODES),
    /** 审批单位 */
    authority: z.string(),
    channel: z.string(),
    /** 粤省事 / 窗口办理 */
    channelName: z.string(),
    submittedOn: Day,
    status: z.enum(['pending', 'approved', 'rejected']),
    /** 审批中 / 已批准 / 不予批准 */
    statusName: z.string(),
    decidedOn: Day.nullable(),
    steps: z.array(ProgressStep),
    updatedAt: z.string(),
  })
  .meta({ id: 'HouseholdApprovalProgress', description: '户政审批' });

export const HouseholdApprovals = z
  .object({ subject: RecordSubject, approvals: z.array(HouseholdApprovalProgress), source: RecordSource })
  .meta({ id: 'HouseholdApprovals', description: '户政审批查询 (C4)' });

/** Online cases start at 已提交; counter cases at 已受理. The decision ends the path. */
function approvalPath(a: HouseholdApproval): ApprovalStep[] {
  const head: ApprovalStep[] =
    a.channel === 'online' ? ['submitted', 'accepted', 'reviewed'] : ['accepted', 'reviewed'];
  return [...head, a.status === 'rejected' ? 'rejected' : 'approved'];
}

function presentApproval(a: HouseholdApproval): z.infer<typeof HouseholdApprovalProgress> {
  const steps = timeline<ApprovalStep>(a.progress, approvalPath(a), APPROVAL_STEPS, {
    finished: a.status !== 'pending',
    rejected: a.status === 'rejected',
  });
  // While pending, the last step is the decision still to come, not (yet) an approval.
  const last = steps.at(-1);
  if (a.status === 'pending' && last?.state === 'pending' && last.step === 'approved') last.name = '审批结果';
  return {
    approvalId: a.approvalId,
    number: a.number,
    kind: a.kind,
    kindName: a.kindName,
    role: a.role,
    subjectNameMasked: maskName(a.subjectName),
    applicantNameMasked: a.applicantName ? maskName(a.applicantName) : null,
    cityCode: a.cityCode,
    authority: a.authority,
    channel: a.channel,
    channelName: a.channelName,
    submittedOn: a.submittedOn,
    status: a.status,
    statusName: a.statusName,
    decidedOn: a.decidedOn,
    steps,
    updatedAt: a.updatedAt,
  };
}

// ------------------------------------------------------------------------------------------------------
// D3 违法查询
// ------------------------------------------------------------------------------------------------------

export const ViolationRecord = z
  .object({
    violationId: z.string(),
    /** 违法时间 (Beijing time, YYYY-MM-DD HH:mm) */
    occurredAt: z.string(),
    /** 违法地点 */
    place: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 违法代码 */
    code: z.string(),
    /** 违法行为 */
    description: z.string(),
    /** 罚款金额 (whole yuan) */
    fine: z.number().int(),
    /** 记分 */
    points: z.number().int(),
    /** 采集机关 */
    authority: z.string(),
    status: z.enum(['unhandled', 'handled']),
    /** 未处理 / 已处理 */
    statusName: z.string(),
    handledOn: Day.nullable(),
    /** 决定书编号 */
    decisionNumber: z.string().nullable(),
  })
  .meta({ id: 'ViolationRecord', description: '交通违法记录' });

const Tally = z.object({
  count: z.number().int(),
  fine: z.number().int(),
  points: z.number().int(),
});

export const VehicleViolations = z
  .object({
    /** 号牌号码, unmasked: the vehicle is the owner's own (the guide and 交管 show it in full). */
    plate: z.string(),
    /** The 行驶证 summary; null only if the department holds violations of a plate no longer registered to the person. */
    vehicle: z
      .object({
        plateType: z.string(),
        plateTypeName: z.string(),
        vehicleTypeName: z.string(),
        brandModel: z.string(),
        energyName: z.string(),
        status: z.string(),
        statusName: z.string(),
        inspectionValidUntil: Day,
      })
      .nullable(),
    violations: z.array(ViolationRecord),
    /** The unhandled ones of this vehicle: how many, fines (yuan) and points. */
    unhandled: Tally,
  })
  .meta({ id: 'VehicleViolations' });

export const TrafficViolations = z
  .object({
    subject: RecordSubject,
    /** The driving licence's class, status and points of the current cycle; null without a licence on file. */
    licence: z
      .object({
        licenceClass: z.string(),
        licenceClassName: z.string(),
        status: z.string(),
        statusName: z.string(),
        /** 累积记分 in the current scoring cycle */
        points: z.number().int(),
        cycleStart: Day,
        cycleEnd: Day,
        /** null = 长期 */
        validUntil: Day.nullable(),
      })
      .nullable(),
    /** Grouped by vehicle, each vehicle's violations newest first. */
    vehicles: z.array(VehicleViolations),
    /** Over every vehicle (whatever the `status` filter): the unhandled violations. */
    unhandled: Tally,
    source: RecordSource,
  })
  .meta({ id: 'TrafficViolations', description: '违法查询 (D3): the violations of the person’s vehicles' });

const tally = (vs: readonly Violation[]) => {
  const open = vs.filter((v) => v.status === 'unhandled');
  return {
    count: open.length,
    fine: open.reduce((s, v) => s + v.fine, 0),
    points: open.reduce((s, v) => s + v.points, 0),
  };
};

function presentViolation(v: Violation): z.infer<typeof ViolationRecord> {
  return {
    violationId: v.violationId,
    occurredAt: v.occurredAt,
    place: v.place,
    cityCode: v.cityCode,
    code: v.code,
    description: v.description,
    fine: v.fine,
    points: v.points,
    authority: v.authority,
    status: v.status,
    statusName: v.statusName,
    handledOn: v.handledOn,
    decisionNumber: v.decisionNumber,
  };
}

/** Each vehicle with its violations (newest first); violations of a plate not (or no longer) on file come last. */
export function groupByVehicle(
  vehicles: readonly Vehicle[],
  violations: readonly Violation[],
  status: 'all' | 'unhandled',
): z.infer<typeof VehicleViolations>[] {
  const byPlate = new Map<string, Violation[]>();
  for (const v of violations) byPlate.set(v.plate, [...(byPlate.get(v.plate) ?? []), v]);
  const shown = (vs: readonly Violation[]) =>
    [...vs]
      .filter((v) => status === 'all' || v.status === 'unhandled')
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
      .map(presentViolation);
  const groups: z.infer<typeof VehicleViolations>[] = vehicles.map((car) => {
    const vs = byPlate.get(car.plate) ?? [];
    byPlate.delete(car.plate);
    return {
      plate: car.plate,
      vehicle: {
        plateType: car.plateType,
        plateTypeName: car.plateTypeName,
        vehicleTypeName: car.vehicleTypeName,
        brandModel: car.brandModel,
        energyName: car.energyName,
        status: car.status,
        statusName: car.statusName,
        inspectionValidUntil: car.inspectionValidUntil,
      },
      violations: shown(vs),
      unhandled: tally(vs),
    };
  });
  for (const [plate, vs] of byPlate) groups.push({ plate, vehicle: null, violations: shown(vs), unhandled: tally(vs) });
  return groups;
}

function presentLicence(l: DrivingLicence | null): z.infer<typeof TrafficViolations>['licence'] {
  if (!l) return null;
  return {
    licenceClass: l.licenceClass,
    licenceClassName: l.licenceClassName,
    status: l.status,
    statusName: l.statusName,
    points: l.points,
    cycleStart: l.cycleStart,
    cycleEnd: l.cycleEnd,
    validUntil: l.validUntil,
  };
}

// ------------------------------------------------------------------------------------------------------
// F2 毕业生档案去向查询
// ------------------------------------------------------------------------------------------------------

/** The guide's words for who can be found (F2); said when there is no record. */
export const ARCHIVE_COVERAGE =
  '目前支持2006-2016届办理过暂缓就业的本省本专科及研究生查询，后续将陆续覆盖支持2019届应届生。';

/** Said when the centre holds a record but 我的证照 has no 报到证 yet (the guide's order). */
export const REPORT_CARD_FIRST =
  '查询毕业生档案去向，请先在“我的证照”关联高校毕业生就业报到证。关联后可查询接收单位、寄出日期、寄出方式和寄出信息。';

export const GraduateArchive = z
  .object({
    subject: RecordSubject,
    /** null: no archive record (see `coverage`). */
    archive: z
      .object({
        /** 报到证编号 */
        certificateNumber: z.string(),
        graduationYear: z.number().int(),
        /** 毕业学校, 所学专业, 学历 (from the 就业报到证; null if the centre has no certificate on file) */
        institution: z.string().nullable(),
        major: z.string().nullable(),
        /** vocational / undergraduate / master / doctor */
        level: z.string().nullable(),
        levelName: z.string().nullable(),
        destination: z.string(),
        /** 单位 / 人才市场 / 生源地 */
        destinationName: z.string(),
        /** 接收单位 */
        receiver: z.string(),
        /** 接收单位地址 */
        address: z.string(),
        /** 寄出日期 */
        sentOn: Day,
        method: z.string(),
        /** 寄出方式: 机要寄送 / 专人送达 */
        methodName: z.string(),
        /** 寄出信息: the confidential-mail number (none for a courier) */
        trackingNumber: z.string().nullable(),
        receivedOn: Day.nullable(),
      })
      .nullable(),
    /** The guide's sentence on which graduates the query covers. */
    coverage: z.string(),
    source: RecordSource,
  })
  .meta({ id: 'GraduateArchive', description: '毕业生档案去向查询 (F2)' });

function presentArchive(
  a: z.infer<typeof ArchiveWhereabouts>,
  c: z.infer<typeof EmploymentCertificate> | null,
): NonNullable<z.infer<typeof GraduateArchive>['archive']> {
  return {
    certificateNumber: a.certificateNumber,
    graduationYear: a.graduationYear,
    institution: c?.institution ?? null,
    major: c?.major ?? null,
    level: c?.level ?? null,
    levelName: c?.levelName ?? null,
    destination: a.destination,
    destinationName: a.destinationName,
    receiver: a.receiver,
    address: a.address,
    sentOn: a.sentOn,
    method: a.method,
    methodName: a.methodName,
    trackingNumber: a.trackingNumber,
    receivedOn: a.receivedOn,
  };
}

// ------------------------------------------------------------------------------------------------------

/** The newest of the records' update times (数据更新于), or null without records. */
export function newest(times: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const t of times) if (t && (!best || t > best)) best = t;
  return best;
}

const subjectOf = (opened: OpenedLookup) => ({
  self: opened.subject.self,
  nameMasked: opened.subject.nameMasked,
});

export const recordsLookupRoutes =
  ({
    gate,
    departments,
    catalog,
    reportCardLinked,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'populationRegister' | 'traffic' | 'education'>;
    /** For the 办理部门 of a service when the department's answer names no provider (no record). */
    catalog: CatalogService;
    /** Whether the account holds a valid 高校毕业生就业报到证 link in 我的证照 (F2 opens after 关联). */
    reportCardLinked: (accountId: string | null) => Promise<boolean>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const register = departments.populationRegister;
    const traffic = departments.traffic;
    const education = departments.education;
    /** The catalog's 办理部门 of a service (广东省高校毕业生就业指导中心 for F2), else the connector's name. */
    const catalogDepartment = (serviceId: string, fallback: string) => {
      const service = catalog.current.findService(serviceId);
      return service ? catalog.current.departmentName(service.department_id) : fallback;
    };

    app.get(
      '/api/v1/lookups/id-card/applications',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '身份证办理查询 (C3): ID cards handled in Guangdong in the last half year, with progress (audited)',
          querystring: CityQuery,
          response: { 200: IdCardApplications, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: RECORDS_SERVICES.idCard,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { applications } = await register.client.idCardApplications({ idNumber: opened.subject.idNumber });
        await gate.recordRead(opened, RECORDS_SERVICES.idCard);
        const sorted = [...applications].sort((a, b) => b.acceptedOn.localeCompare(a.acceptedOn));
        return {
          subject: subjectOf(opened),
          applications: sorted.map(presentIdCard),
          source: { department: register.spec.name, updatedAt: newest(applications.map((a) => a.updatedAt)) },
        };
      },
    );

    app.get(
      '/api/v1/lookups/household/approvals',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '户政审批查询 (C4): approvals about the person or applied for by them, with progress (audited)',
          querystring: CityQuery,
          response: { 200: HouseholdApprovals, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: RECORDS_SERVICES.approvals,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { approvals } = await register.client.householdApprovals({ idNumber: opened.subject.idNumber });
        await gate.recordRead(opened, RECORDS_SERVICES.approvals);
        const sorted = [...approvals].sort((a, b) => b.submittedOn.localeCompare(a.submittedOn));
        return {
          subject: subjectOf(opened),
          approvals: sorted.map(presentApproval),
          source: { department: register.spec.name, updatedAt: newest(approvals.map((a) => a.updatedAt)) },
        };
      },
    );

    app.get(
      '/api/v1/lookups/traffic/violations',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '违法查询 (D3): the violations of the person’s vehicles, by vehicle, and the licence points (audited)',
          querystring: CityQuery.extend({
            /** all (default) or only the unhandled ones (未处理) */
            status: z.enum(['all', 'unhandled'], { error: '处理状态只能是 all 或 unhandled' }).default('all'),
          }),
          response: { 200: TrafficViolations, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: RECORDS_SERVICES.violations,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const idNumber = opened.subject.idNumber;
        const [{ licence }, { vehicles }, { violations }] = await Promise.all([
          traffic.client.drivingLicence({ idNumber }),
          traffic.client.vehicles({ idNumber }),
          traffic.client.violations({ idNumber }),
        ]);
        await gate.recordRead(opened, RECORDS_SERVICES.violations);
        return {
          subject: subjectOf(opened),
          licence: presentLicence(licence),
          vehicles: groupByVehicle(vehicles, violations, req.query.status),
          unhandled: tally(violations),
          source: {
            department: traffic.spec.name,
            updatedAt: newest([
              licence?.updatedAt,
              ...vehicles.map((v) => v.updatedAt),
              ...violations.map((v) => v.updatedAt),
            ]),
          },
        };
      },
    );

    app.get(
      '/api/v1/lookups/graduate/archive',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '毕业生档案去向查询 (F2): receiving unit, date sent, method and tracking (audited)',
          querystring: CityQuery,
          response: { 200: GraduateArchive, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: RECORDS_SERVICES.archive,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const idNumber = opened.subject.idNumber;
        const [{ archive }, { certificate }, linked] = await Promise.all([
          education.client.archiveWhereabouts({ idNumber }),
          education.client.employmentCertificate({ idNumber }),
          reportCardLinked(opened.subject.accountId),
        ]);
        // The guide: 关联高校毕业生就业报到证后，可点击毕业生档案去向查. Asked only once there is something to show, so
        // nobody is sent to link a card that does not exist (no record: the coverage sentence below), and only when
        // the centre holds the 报到证 (otherwise linking could never succeed).
        if (archive && certificate && !linked) {
          await gate.recordRead(opened, RECORDS_SERVICES.archive, 'failure');
          throw new AppError('GRADUATE_REPORT_CARD_REQUIRED', REPORT_CARD_FIRST);
        }
        await gate.recordRead(opened, RECORDS_SERVICES.archive);
        return {
          subject: subjectOf(opened),
          archive: archive ? presentArchive(archive, certificate) : null,
          coverage: ARCHIVE_COVERAGE,
          source: {
            department:
              archive?.provider ??
              certificate?.provider ??
              catalogDepartment(RECORDS_SERVICES.archive, education.spec.name),
            updatedAt: newest([archive?.updatedAt, certificate?.updatedAt]),
          },
        };
      },
    );
  };
